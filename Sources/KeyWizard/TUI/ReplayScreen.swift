import ArgumentParser
import DiagnosticRules
import Foundation
import KeyWizardUI

/// `keywizard replay SESSION --tui`: the recorded interview played back on screen, one answer
/// every `delay` milliseconds, for training and hand-over. Space or Enter skips the wait,
/// q stops; at the end the result screen stays up to be browsed like a live session.
enum ReplayScreen {
    static func run(playbook: Playbook, answers: [Answer], delayMS: Int, monochrome: Bool) throws {
        if let why = Terminal.unsuitable(environment: ProcessInfo.processInfo.environment) { throw Failure(why) }
        let app = WizardApp(playbooks: [playbook], start: playbook)
        app.replaying = true
        app.notify("Replaying \(answers.count) recorded answers: Space next, q stop")
        Terminal.installSignals()
        let canvas: NcursesCanvas
        switch Terminal.start(monochrome: monochrome) {
        case .success(let c): canvas = c
        case .failure(let f): throw f
        }
        defer { Terminal.restore() }
        func draw() {
            app.render(on: canvas)
            canvas.present()
        }
        draw()
        var decoder = KeyDecoder()
        for (i, answer) in answers.enumerated() {
            // Wait out the delay while still answering resize, signals and keys.
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, delayMS)) * 1_000_000
            waiting: while true {
                let now = DispatchTime.now().uptimeNanoseconds
                if now >= deadline { break }
                switch Terminal.next(timeoutMS: Int32(min(Int(Int32.max), Int((deadline - now) / 1_000_000) + 1))) {
                case .timeout: break waiting
                case .hangup: return
                case .signal(let s):
                    if s == SIGWINCH {
                        Terminal.resize()
                        draw()
                    } else {
                        throw ExitCode(128 + s)
                    }
                case .bytes(let b):
                    for key in decoder.feed(b) {
                        switch key {
                        case .char("q"), .char("Q"), .escape: return
                        case .char(" "), .enter: break waiting
                        default: break
                        }
                    }
                }
            }
            app.replay(answer)
            app.notify("Replayed answer \(i + 1) of \(answers.count) (step '\(answer.step)')")
            draw()
        }
        app.notify("Replay finished: browse the result, q to leave")
        _ = TUILoop(app: app, recorder: NoRecording(), canvas: canvas).run()
    }
}

/// A recorder that keeps nothing: a replay must not create or change sessions.
final class NoRecording: SessionRecording {
    func begin(playbook: Playbook) throws {}
    func record(_ answer: Answer, rawText: String?) throws {}
    var location: String? { nil }
    func finish(_ conclusion: Conclusion) {}
}
