import AESReportModel
import Foundation

/// Reads one fio JSON (or json+) document into a report, across fio's versions:
/// - bandwidth: `bw_bytes` in bytes/s (fio >= 3.2), else `bw` in KiB/s;
/// - bytes: `io_bytes` with `io_kbytes` beside it (fio >= 2.21: bytes), else `io_bytes` alone, which was KiB;
/// - latency: `clat_ns`/`lat_ns` in ns (fio >= 3.0), else `clat`/`lat` in µs; percentiles under `percentile`;
/// - jobs under `jobs`, or under `client_stats` (fio --client: one entry per host and job, plus an `All clients`
///   sum that is left out so nothing counts twice);
/// - `rw` from the job's `job options`, else from `global options` (a job file's `[global]` section).
enum FioJSONDocument {
    enum Problem: Error, Equatable {
        case notJSON(String)
        case notAnObject
        case noJobs
    }

    static func report(_ bytes: [UInt8], line: Int) -> Result<FioReport, Problem> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            return .failure(.notJSON(Excerpt.of((error as NSError).localizedDescription, length: 160)))
        }
        guard let root = object as? [String: Any] else { return .failure(.notAnObject) }
        let globalOptions = root["global options"] as? [String: Any]
        var entries = root["jobs"] as? [Any]
        let fromClients = entries == nil && root["client_stats"] != nil
        if fromClients { entries = root["client_stats"] as? [Any] }
        guard let entries else { return .failure(.noJobs) }
        let jobs = entries.compactMap { $0 as? [String: Any] }.compactMap { entry -> FioJob? in
            let name = entry["jobname"] as? String ?? ""
            if fromClients && name == "All clients" { return nil }
            let options = entry["job options"] as? [String: Any]
            let rw = options?["rw"] as? String ?? options?["readwrite"] as? String
                ?? globalOptions?["rw"] as? String ?? globalOptions?["readwrite"] as? String
            return FioJob(name: name, groupID: int(entry["groupid"]), error: int(entry["error"]) ?? 0,
                          readWrite: rw, host: entry["hostname"] as? String,
                          read: direction(entry["read"]), write: direction(entry["write"]), line: line)
        }
        let firstJob = entries.first as? [String: Any]
        return .success(FioReport(form: .json, version: root["fio version"] as? String,
                                  elapsedSeconds: int(firstJob?["elapsed"]), timestamp: int(root["timestamp"]),
                                  jobs: jobs, fromClientStats: fromClients, line: line))
    }

    static func direction(_ value: Any?) -> FioDirectionResult? {
        guard let d = value as? [String: Any] else { return nil }
        var result = FioDirectionResult()
        let kibibytes = count(d["io_kbytes"])
        if let kibibytes {
            result.bytes = count(d["io_bytes"]) ?? kibibytes.multipliedReportingOverflow(by: 1024).partialValue
        } else if let old = count(d["io_bytes"]) {
            let (bytes, overflow) = old.multipliedReportingOverflow(by: 1024)
            result.bytes = overflow ? nil : bytes
        }
        result.runtimeMilliseconds = count(d["runtime"])
        if let bw = number(d["bw_bytes"]) {
            result.printedBytesPerSecond = bw
        } else if let kib = number(d["bw"]) {
            result.printedBytesPerSecond = kib * 1024
        }
        result.iops = number(d["iops"])
        let (clat, clatScale) = d["clat_ns"] != nil ? (d["clat_ns"], 1.0) : (d["clat"], 1000.0)
        let lat = d["lat_ns"] != nil ? d["lat_ns"] : d["lat"]
        if let clat = clat as? [String: Any] {
            result.meanCompletionLatency = number(clat["mean"]).map { $0 * clatScale }
            if let percentiles = clat["percentile"] as? [String: Any] {
                result.completionPercentiles = percentiles.compactMap { key, value -> FioPercentile? in
                    guard let percent = Double(key), percent > 0, percent.isFinite, let latency = number(value) else { return nil }
                    return FioPercentile(percent: percent, nanoseconds: latency * clatScale)
                }.sorted { $0.percent < $1.percent }
            }
        }
        if let lat = lat as? [String: Any] {
            result.meanTotalLatency = number(lat["mean"]).map { $0 * clatScale }
        }
        return result
    }

    /// A finite JSON number.
    static func number(_ value: Any?) -> Double? {
        guard let n = value as? NSNumber else { return nil }
        let d = n.doubleValue
        return d.isFinite ? d : nil
    }

    /// A non-negative whole count (bytes, milliseconds); negative or absurd values are not counts.
    static func count(_ value: Any?) -> UInt64? {
        guard let n = value as? NSNumber else { return nil }
        let d = n.doubleValue
        guard d >= 0, d < 9.0e18 else { return nil }
        return UInt64(max(0, n.int64Value))
    }

    static func int(_ value: Any?) -> Int? {
        guard let n = value as? NSNumber else { return nil }
        let d = n.doubleValue
        guard d.isFinite, abs(d) < 1e15 else { return nil }
        return n.intValue
    }
}
