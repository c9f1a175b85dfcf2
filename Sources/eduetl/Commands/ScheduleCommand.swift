import ArgumentParser
import EduPipelines
import Foundation

/// `--pipelines DIR` and `--time-zone ID`, shared by the schedule commands.
struct ScheduleOptions: ParsableArguments {
    @Option(help: "The folder of pipeline files.")
    var pipelines = "Pipelines"

    @Option(name: .customLong("time-zone"), help: "The time zone the schedules are read in.")
    var timeZone = "Asia/Shanghai"

    func validate() throws {
        if TimeZone(identifier: timeZone) == nil {
            throw ValidationError("--time-zone '\(timeZone)' is not a time zone such as Asia/Shanghai.")
        }
    }

    var zone: TimeZone { TimeZone(identifier: timeZone) ?? DueRuns.defaultTimeZone }

    /// The folder's pipelines; each broken file is reported on stderr (the good ones still run, and
    /// the command then ends with status 1).
    func load() throws -> PipelineFolder {
        // A folder that cannot be read at all ends the command through EduETL's one error path.
        let folder = try PipelineSpecLoader.loadAll(folder: pipelines)
        for note in folder.specs.flatMap(\.notes) { StandardError.write("eduetl: note: \(note)\n") }
        for broken in folder.broken { StandardError.write("eduetl: \(broken); fix it and run again\n") }
        return folder
    }

    func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm ZZZZZ"
        return formatter.string(from: date)
    }
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Lists the scheduled pipelines, runs the ones due, or prints how to run the scheduler every minute.",
        subcommands: [ScheduleList.self, ScheduleRunDue.self, ScheduleInstall.self],
        defaultSubcommand: ScheduleList.self)
}

struct ScheduleList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Each pipeline with its schedule, its last run and when it is next due.")

    @OptionGroup var options: ScheduleOptions

    @Option(help: "The time to measure against (ISO 8601; default: now).")
    var now: String?

    func run() throws {
        let folder = try options.load()
        let specs = folder.specs
        let moment = try ScheduleRunDue.parseNow(now)
        let due = DueRuns(timeZone: options.zone)
        if specs.isEmpty { print("no pipelines in \(options.pipelines)") }
        for spec in specs {
            print("\(spec.name) (\(spec.source))")
            print("  schedule: \(spec.schedule.map { "\($0.expression) (\(options.timeZone))" } ?? "on demand only")")
            do {
                if let last = try DueRuns.latestRun(of: spec) {
                    let slot = PipelineHistory.slotDate(last.slot).map { ", slot \(options.format($0))" } ?? ""
                    print("  last run: \(last.startedAt) \(last.status.rawValue)\(slot)\(last.message.map { ": \($0)" } ?? "")")
                } else {
                    print("  last run: never")
                }
                if spec.schedule != nil {
                    if let slot = try due.dueSlot(spec, now: moment) {
                        print("  next due: now (slot \(options.format(slot)))")
                    } else if let next = due.nextSlot(spec, after: moment) {
                        print("  next due: \(options.format(next))")
                    } else {
                        print("  next due: never")
                    }
                }
            } catch {
                print("  last run: cannot read \(spec.warehouse): \(error)")
            }
        }
        if !folder.broken.isEmpty { throw CommandFailure.someRejected }
    }
}

struct ScheduleRunDue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-due",
        abstract: "Runs each pipeline that is due, once, one at a time, under its lock.",
        discussion: "A pipeline is due when a slot of its schedule fell since the latest slot it finished (a failed run does not "
            + "count, so the next call retries); a pipeline that missed several slots runs once. A pipeline already running "
            + "(its lock file <warehouse>.<name>.lock names a live pid) is passed over. Exit status 1 when a pipeline that "
            + "ran failed.")

    @OptionGroup var options: ScheduleOptions

    @Option(help: "The time to run for (ISO 8601, e.g. 2024-09-01T06:00:00+08:00; default: now).")
    var now: String?

    static func parseNow(_ text: String?) throws -> Date {
        guard let text else { return Date() }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        throw ValidationError("--now '\(text)' is not an ISO 8601 time such as 2024-09-01T06:00:00+08:00.")
    }

    func validate() throws {
        _ = try Self.parseNow(now)
    }

    func run() throws {
        let folder = try options.load()
        let specs = folder.specs
        let moment = try Self.parseNow(now)
        let due = DueRuns(timeZone: options.zone, log: { line in print("eduetl schedule: \(line)") })
        var failed = !folder.broken.isEmpty
        var ran = 0
        for spec in specs {
            switch due.runIfDue(spec, now: moment) {
            case .notDue:
                continue
            case .locked(_, let pid):
                print("eduetl schedule: pipeline \(spec.name) is already running (pid \(pid))")
            case .ran(let slot, let result):
                ran += 1
                if result.failed {
                    failed = true
                    StandardError.write("eduetl: pipeline \(spec.name) failed for slot \(options.format(slot)) (run \(result.runID)): "
                        + "\(result.message ?? "")\n")
                } else {
                    print("eduetl schedule: pipeline \(spec.name) finished for slot \(options.format(slot)) (run \(result.runID)): \(result.message ?? "")")
                }
            case .error(_, let message):
                failed = true
                StandardError.write("eduetl: \(message)\n")
            }
        }
        if ran == 0 && !failed { print("eduetl schedule: nothing due at \(options.format(moment))") }
        if failed { throw CommandFailure.someRejected }
    }
}

struct ScheduleInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Prints a crontab line and a systemd service and timer that run `schedule run-due` every minute; installs nothing.")

    @OptionGroup var options: ScheduleOptions

    @Option(help: "The log file the crontab line appends to (default: <repo>/eduetl-schedule.log).")
    var log: String?

    func run() throws {
        let repo = FileManager.default.currentDirectoryPath
        let binary = Self.binaryPath()
        var arguments = "schedule run-due"
        if options.pipelines != "Pipelines" { arguments += " --pipelines \(options.pipelines)" }
        if options.timeZone != "Asia/Shanghai" { arguments += " --time-zone \(options.timeZone)" }
        let logFile = log ?? (repo as NSString).appendingPathComponent("eduetl-schedule.log")
        print("""
            # crontab -e, then add this line (every minute; the scheduler decides what is due):
            * * * * * cd \(repo) && \(binary) \(arguments) >> \(logFile) 2>&1

            # Or systemd: /etc/systemd/system/eduetl-schedule.service
            [Unit]
            Description=eduetl scheduled pipelines (runs what is due)

            [Service]
            Type=oneshot
            WorkingDirectory=\(repo)
            ExecStart=\(binary) \(arguments)

            # /etc/systemd/system/eduetl-schedule.timer
            [Unit]
            Description=eduetl scheduled pipelines, every minute

            [Timer]
            OnCalendar=minutely
            Persistent=true

            [Install]
            WantedBy=timers.target

            # then: systemctl daemon-reload && systemctl enable --now eduetl-schedule.timer
            """)
    }

    static func binaryPath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        let first = CommandLine.arguments.first ?? "eduetl"
        if first.hasPrefix("/") { return first }
        return URL(fileURLWithPath: first).standardizedFileURL.path
    }
}
