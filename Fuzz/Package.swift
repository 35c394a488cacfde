// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for the readers of untrusted input. Built by `Scripts/fuzz.sh` with
// `-sanitize=fuzzer,address`; each target's test function feeds one input to one reader.
let readers: [(target: String, library: String)] = [
    ("FuzzContract", "ContractXML"), ("FuzzCSV", "ClaimFormats"), ("FuzzAW319", "ClaimFormats"),
    ("FuzzWMO323", "ClaimFormats"),
]

let package = Package(
    name: "capitation-fuzz",
    dependencies: [.package(name: "capitation", path: "..")],
    targets: [
        .target(name: "FuzzDriver", dependencies: [.product(name: "ClaimFormats", package: "capitation")])
    ]
        + readers.map { reader in
            .executableTarget(
                name: reader.target,
                dependencies: [
                    "FuzzDriver", .product(name: reader.library, package: "capitation"),
                    .product(name: "CapitationCore", package: "capitation"),
                ]
            )
        }
)
