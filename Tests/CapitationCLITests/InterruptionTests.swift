import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What `capitation settle` leaves behind when it is interrupted or killed, and how it checks `--out`
/// before it reads the inputs.
///
/// The runs use a private `TMPDIR`, so that their spill folders can be watched and no other run's are seen.
struct InterruptionTests {
    /// A new folder under the system's temporary folder.
    private func temporary() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-interruption-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A copy of the small example in `folder/name`.
    private func example(in folder: URL, _ name: String = "example") throws -> URL {
        let copy = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let source = CLI.repository.appendingPathComponent("Examples/small-fieldlab")
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where item != "settlement" {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(item),
                to: copy.appendingPathComponent(item)
            )
        }
        return copy
    }

    private func entries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// A generated fieldlab whose claims (11 MB) are more than one partition of 8 MiB, so that they spill,
    /// and take seconds to settle.
    private func spillingFieldlab(in folder: URL) throws -> URL {
        let fieldlab = folder.appendingPathComponent("fieldlab")
        let generated = try CLI.run([
            "generate", "--members", "2000", "--claim-lines", "120000", "--out", fieldlab.path,
        ])
        try #require(generated.status == 0, "\(generated.standardError)")
        let claims = fieldlab.appendingPathComponent("claims")
        let bytes = try entries(claims).reduce(0) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: claims.appendingPathComponent(name).path)
            return total + ((attributes[.size] as? Int) ?? 0)
        }
        try #require(bytes > 8 << 20)
        return fieldlab
    }

    /// Waits until the spill folder of the run appears in `temporaryFolder` with its lock; `nil` when the
    /// run ends first.
    private func spillFolder(of run: RunningCLI, in temporaryFolder: URL) -> String? {
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline, run.isRunning {
            if let name = entries(temporaryFolder).first(where: { $0.hasPrefix("capitation-spill-\(run.id)-") }),
                FileManager.default.fileExists(
                    atPath: temporaryFolder.appendingPathComponent(name).appendingPathComponent(".lock").path
                )
            {
                return name
            }
            usleep(5_000)
        }
        return nil
    }

    // SIGINT (Ctrl-C) and SIGTERM while the claims spill: the run exits with 128 + the signal, and its spill
    // folder and the output folder it made are gone.
    @Test(arguments: [SIGINT, SIGTERM])
    func removesItsTemporaryFilesWhenInterrupted(by signal: Int32) throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fieldlab = try spillingFieldlab(in: folder)
        let temporaryFolder = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: false)
        let output = folder.appendingPathComponent("out/settlement")
        let run = try RunningCLI(
            ["settle", fieldlab.path, "--out", output.path, "--threads", "1", "--quiet"],
            environment: ["TMPDIR": temporaryFolder.path],
            standardError: folder.appendingPathComponent("stderr")
        )
        let spill = spillFolder(of: run, in: temporaryFolder)
        #expect(spill != nil, "the run ended before it spilled")
        run.send(signal)
        let ending = run.wait()
        #expect(ending == .exited(128 + signal))
        #expect(entries(temporaryFolder).isEmpty, "left in TMPDIR: \(entries(temporaryFolder))")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    // A run killed with SIGKILL cannot clean up; the next run removes its spill folder and the temporary
    // outputs of ended processes, but not the spill folder of a process still running, nor anything else.
    @Test func removesWhatAKilledRunLeft() throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fieldlab = try spillingFieldlab(in: folder)
        let temporaryFolder = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporaryFolder, withIntermediateDirectories: false)
        let killed = try RunningCLI(
            ["settle", fieldlab.path, "--out", folder.appendingPathComponent("killed").path, "--quiet"],
            environment: ["TMPDIR": temporaryFolder.path],
            standardError: folder.appendingPathComponent("stderr")
        )
        let spill = try #require(spillFolder(of: killed, in: temporaryFolder))
        killed.send(SIGKILL)
        #expect(killed.wait() == .signalled(SIGKILL))
        #expect(entries(temporaryFolder) == [spill])
        // Higher than any process id Linux gives (at most 2^22): no process has it.
        let ended = 2_000_000_000
        let running = getpid()
        let kept = [
            "capitation-spill-\(running)-Ab12Cd", "capitation-spill-\(ended)-Ab12", "capitation-spill-x-Ab12Cd",
            "other-\(ended)-Ab12Cd",
        ]
        // A folder whose process id looks ended but whose lock is held, as by a run in another process
        // namespace (a container sharing the folder), is in use and kept.
        let locked = "capitation-spill-\(ended)-Lk34Mn"
        for name in kept + [locked, "capitation-spill-\(ended)-Zz98Yy"] {
            try FileManager.default.createDirectory(
                at: temporaryFolder.appendingPathComponent(name).appendingPathComponent("inside"),
                withIntermediateDirectories: true
            )
            try Data().write(to: temporaryFolder.appendingPathComponent(name).appendingPathComponent(".lock"))
        }
        let lock = open(temporaryFolder.appendingPathComponent(locked).appendingPathComponent(".lock").path, O_RDWR)
        #expect(flock(lock, LOCK_EX | LOCK_NB) == 0)
        defer { close(lock) }
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        let keptOutputs = [
            ".settlement.json.\(running).tmp", ".notes.txt.\(ended).tmp", "notes.txt", ".report.md.x.tmp",
        ]
        for name in keptOutputs + [".settlement.json.\(ended).tmp", ".report.md.\(ended).tmp"] {
            try Data("left".utf8).write(to: output.appendingPathComponent(name))
        }
        let example = try example(in: folder)
        let next = try CLI.run(
            ["settle", example.path, "--out", output.path, "--quiet"],
            environment: ["TMPDIR": temporaryFolder.path]
        )
        #expect(next.status == 0, "\(next.standardError)")
        #expect(entries(temporaryFolder) == (kept + [locked]).sorted())
        #expect(entries(output) == (keptOutputs + ["rejected-claims.csv", "report.md", "settlement.json"]).sorted())
    }

    // --out with missing parents makes them; a run that fails removes the folders it made again.
    @Test func makesTheMissingFoldersOfTheOutputs() throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = try example(in: folder)
        let output = folder.appendingPathComponent("a/b/c")
        let result = try CLI.run(["settle", example.path, "--out", output.path, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(entries(output) == ["rejected-claims.csv", "report.md", "settlement.json"])
        try FileManager.default.removeItem(at: example.appendingPathComponent("population.csv"))
        let failed = try CLI.run(["settle", example.path, "--out", folder.appendingPathComponent("d/e").path])
        #expect(failed.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("d").path))
    }

    // --out is checked before the inputs are read: with a broken claim file, the answer is still exit 4.
    @Test func checksTheOutputsBeforeReadingTheInputs() throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = try example(in: folder)
        try Data().write(to: example.appendingPathComponent("claims/zvw.csv"))
        let result = try CLI.run(["settle", example.path, "--out", "/dev/null/a/b"])
        #expect(result.status == 4)
        #expect(
            result.standardError
                == "error: cannot write the outputs: cannot create the folder /dev/null/a/b: /dev/null is not a folder\n"
        )
    }

    // A new output folder under a folder that cannot be written: permission denied, said before the inputs
    // are read. Root may write anywhere, so the test runs only for another user.
    @Test(.enabled(if: geteuid() != 0))
    func reportsAParentThatCannotBeWrittenBeforeReadingTheInputs() throws {
        let folder = try temporary()
        defer {
            chmod(folder.appendingPathComponent("read-only").path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let example = try example(in: folder)
        try Data().write(to: example.appendingPathComponent("claims/zvw.csv"))
        let readOnly = folder.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: false)
        chmod(readOnly.path, 0o555)
        let result = try CLI.run(["settle", example.path, "--out", readOnly.appendingPathComponent("new").path])
        #expect(result.status == 4)
        #expect(
            result.standardError
                == "error: cannot write the outputs: cannot create the folder \(readOnly.path)/new: permission denied\n"
        )
        let existing = try CLI.run(["settle", example.path, "--out", readOnly.path])
        #expect(existing.status == 4)
        #expect(
            existing.standardError
                == "error: cannot write the outputs: cannot create a file in the folder \(readOnly.path): permission denied\n"
        )
    }
}

/// `capitation` started in the background as a shell with job control starts it: SIGINT and SIGTERM at
/// their default actions and unblocked, whatever this process ignores or blocks (an ignored signal is
/// inherited, and Foundation's `Process` does not reset it).
final class RunningCLI {
    let id: pid_t
    private var ending: Ending?

    /// How the process ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Starts `capitation ARGUMENTS`, with `environment` added to this process's, standard output discarded
    /// and standard error written to `standardError`.
    init(_ arguments: [String], environment: [String: String], standardError: URL) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, standardError.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var variables = ProcessInfo.processInfo.environment
        variables["CAPITATION_PSEUDONYM_KEY"] = nil
        variables.merge(environment) { $1 }
        let argv = ([CLI.executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var id = pid_t()
        let status = posix_spawn(&id, CLI.executable.path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        self.id = id
    }

    /// Whether the process has not ended yet.
    var isRunning: Bool {
        guard ending == nil else { return false }
        return !reap(options: WNOHANG)
    }

    func send(_ signal: Int32) {
        kill(id, signal)
    }

    /// Waits until the process ends.
    func wait() -> Ending? {
        while ending == nil, !reap(options: 0) {}
        return ending
    }

    /// Collects the process's ending, if it has ended; whether it has.
    private func reap(options: Int32) -> Bool {
        var status: Int32 = 0
        let result = waitpid(id, &status, options)
        if result == -1 && errno == EINTR { return false }
        guard result == id else { return result == -1 }
        // WIFEXITED and WTERMSIG are C macros that Swift does not import.
        let signal = status & 0x7F
        ending = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        return true
    }

    deinit {
        if ending == nil {
            kill(id, SIGKILL)
            _ = wait()
        }
    }
}
