// swift-tools-version:6.2
import PackageDescription

let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let systemPackage: Target.Dependency = .product(name: "SystemPackage", package: "swift-system")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "capitation",
    products: [
        .library(name: "CapitationCore", targets: ["CapitationCore"]),
        .library(name: "ContractXML", targets: ["ContractXML"]),
        .library(name: "ClaimFormats", targets: ["ClaimFormats"]),
        .library(name: "Pseudonymisation", targets: ["Pseudonymisation"]),
        .library(name: "SettlementRunner", targets: ["SettlementRunner"]),
        .library(name: "SettlementReports", targets: ["SettlementReports"]),
        .library(name: "SettlementVerification", targets: ["SettlementVerification"]),
        .library(name: "SyntheticData", targets: ["SyntheticData"]),
        .executable(name: "capitation", targets: ["capitation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // Core library: money, dates, the contract model and its rules. Pure: no I/O, no Foundation, no C.
        .target(name: "CapitationCore"),

        // Loaders: bytes in, core values or located diagnostics out.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // libxml2 with network, DTDs and entities off, shared by every XML reader.
        .target(name: "SafeXML", dependencies: ["CapitationCore", "CLibXML2"]),
        // Opens input files, refusing directories, devices and named pipes.
        .target(name: "InputFiles", dependencies: [systemPackage]),
        .target(
            name: "ContractXML",
            dependencies: ["CapitationCore", "SafeXML", "InputFiles", systemPackage],
            resources: [.embedInCode("Schema/contract.xsd")]
        ),

        .target(name: "ClaimFormats", dependencies: ["CapitationCore", "SafeXML"]),

        // Realistic synthetic settlement folders, from a seed.
        .target(name: "SyntheticData", dependencies: ["CapitationCore", "ClaimFormats", systemPackage]),

        // Keyed, format-preserving pseudonyms for BSNs in every input format.
        .target(name: "Pseudonymisation", dependencies: ["CapitationCore", "ClaimFormats", "SafeXML", crypto]),

        // settlement.json written and read back as one typed document, and every report rendered from it
        // (Markdown, HTML, CSV, SVG), in English or Dutch. Pure, like the core, which it depends on and which
        // cannot depend on it.
        .target(name: "SettlementReports", dependencies: ["CapitationCore"]),

        // Recomputes a settlement.json from what it records, for the auditor. Pure, like the core.
        .target(name: "SettlementVerification", dependencies: ["CapitationCore"]),

        // Runs a settlement from files: reads the inputs in parallel, settles, writes the outputs.
        .target(
            name: "SettlementRunner",
            dependencies: [
                "CapitationCore", "ContractXML", "ClaimFormats", "Pseudonymisation", "InputFiles",
                "SettlementReports", "SettlementVerification", systemPackage, crypto,
            ]
        ),

        // Thin command-line tool over the libraries.
        .target(name: "CAllocator"),
        .executableTarget(
            name: "capitation",
            dependencies: [
                "CapitationCore", "ContractXML", "SettlementRunner", "SettlementReports", "SettlementVerification",
                "SyntheticData", "Pseudonymisation", "CAllocator", argumentParser,
            ]
        ),

        // How fast each claim format is parsed alone, run by hand (Benchmarks/README.md).
        .executableTarget(
            name: "parse-throughput",
            dependencies: ["CapitationCore", "ClaimFormats", "SettlementRunner"],
            path: "Benchmarks/ParseThroughput"
        ),

        // Tests
        .testTarget(
            name: "CapitationCoreTests",
            dependencies: ["CapitationCore", "SettlementReports", "SettlementVerification"]
        ),
        .testTarget(
            name: "ContractXMLTests",
            dependencies: ["ContractXML", "CapitationCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ClaimFormatsTests", dependencies: ["ClaimFormats", "CapitationCore", "SafeXML"]),
        .testTarget(
            name: "PseudonymisationTests",
            dependencies: ["Pseudonymisation", "ClaimFormats", "CapitationCore"]
        ),
        .testTarget(
            name: "SettlementRunnerTests",
            dependencies: [
                "SettlementRunner", "SettlementReports", "SettlementVerification", "SyntheticData", "ClaimFormats",
                "ContractXML", "Pseudonymisation", "CapitationCore", "SafeXML",
            ],
            // Read through the source path: the golden reports of GoldenReportTests, and the settlement.json
            // of an earlier format that VerificationRunTests verifies.
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(name: "CapitationCLITests", dependencies: ["capitation", "CapitationCore", "SettlementReports"]),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
            .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
            .treatWarning("ExplicitSendable", as: .warning),
        ]
}
