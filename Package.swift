// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "KeyWizard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "keywizard", targets: ["KeyWizard"]),
        .library(name: "DiagnosticRules", targets: ["DiagnosticRules"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3")
    ],
    targets: [
        // ncursesw from the system. No pkgConfig: Debian's ncursesw.pc adds -D flags that
        // SwiftPM rejects with a warning; the headers and library are on the default paths.
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // libhivex, libevtx and libevt from the system, for reading registry hives and event logs
        // copied off a server. No pkgConfig, like CNcurses: their .pc files add only -l
        // flags, and the headers and libraries are on the default paths.
        .systemLibrary(
            name: "CHivex",
            providers: [.apt(["libhivex-dev"])]
        ),
        .systemLibrary(
            name: "CEvtx",
            providers: [.apt(["libevtx-dev"])]
        ),
        .systemLibrary(
            name: "CEvt",
            providers: [.apt(["libevt-dev"])]
        ),
        .target(
            name: "DiagnosticRules",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                // AES-CBC for legacy and Framework45 ViewState (keywizard viewstate verify).
                .product(name: "_CryptoExtras", package: "swift-crypto")
            ]
        ),
        // libhivex, libevtx and libevt are loaded with dlopen when a hive or log is first read
        // (their module maps link nothing): a start that reads none of them maps none of them
        // (nor libxml2, ICU, liblzma...), and a jump host without them still runs keywizard.
        .target(
            name: "CArtifactLibraries",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // Gives back, after start-up, the pages of relocation records the dynamic loader has
        // applied (see StartupMemory.c).
        .target(name: "CStartupMemory"),
        // Readers of a server's own files (registry hives, .evtx logs, a mounted Windows
        // volume) as evidence sources. The only target that imports the C readers, so that
        // DiagnosticRules stays pure Swift.
        .target(
            name: "WindowsArtifacts",
            dependencies: ["DiagnosticRules", "CHivex", "CEvtx", "CEvt", "CArtifactLibraries"]
        ),
        // The terminal UI without a terminal: canvas, layout, screens, line editor, key
        // decoder. No ncurses here, so all of it is testable on an in-memory grid.
        .target(
            name: "KeyWizardUI",
            dependencies: ["DiagnosticRules"]
        ),
        .executableTarget(
            name: "KeyWizard",
            dependencies: [
                "DiagnosticRules",
                "KeyWizardUI",
                "CNcurses",
                "WindowsArtifacts",
                "CStartupMemory",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        .executableTarget(
            name: "keywizard-bench",
            dependencies: ["DiagnosticRules"],
            path: "Benchmarks"
        ),
        // Test support: journals answers and acknowledges each after fsync, for the
        // SIGKILL crash-safety test of sessions.
        .executableTarget(
            name: "keywizard-journal-writer",
            dependencies: ["DiagnosticRules"],
            path: "Tests/JournalWriter"
        ),
        .testTarget(
            name: "DiagnosticRulesTests",
            dependencies: ["DiagnosticRules", "keywizard-journal-writer"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WindowsArtifactsTests",
            dependencies: ["WindowsArtifacts", "DiagnosticRules", "KeyWizard"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "KeyWizardTests",
            dependencies: ["KeyWizardUI", "DiagnosticRules", "KeyWizard", "CStartupMemory"],
            exclude: ["Golden", "Fixtures"]
        )
    ]
)
