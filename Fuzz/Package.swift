// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for the readers of untrusted input. Built by `Scripts/fuzz.sh` with
// `-sanitize=fuzzer,address`; each target's `LLVMFuzzerTestOneInput` feeds one input to one reader.
let package = Package(
    name: "capitation-fuzz",
    dependencies: [.package(name: "capitation", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzContract",
            dependencies: [
                "FuzzDriver",
                .product(name: "ContractXML", package: "capitation"),
                .product(name: "CapitationCore", package: "capitation"),
            ]
        ),
        .executableTarget(
            name: "FuzzCSV",
            dependencies: [
                "FuzzDriver",
                .product(name: "ClaimFormats", package: "capitation"),
                .product(name: "CapitationCore", package: "capitation"),
            ]
        ),
        .executableTarget(
            name: "FuzzAW319",
            dependencies: [
                "FuzzDriver",
                .product(name: "ClaimFormats", package: "capitation"),
                .product(name: "CapitationCore", package: "capitation"),
            ]
        ),
        .executableTarget(
            name: "FuzzWMO323",
            dependencies: [
                "FuzzDriver",
                .product(name: "ClaimFormats", package: "capitation"),
                .product(name: "CapitationCore", package: "capitation"),
            ]
        ),
    ]
)
