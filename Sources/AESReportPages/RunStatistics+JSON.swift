import AESReportModel
import AESReportStats

extension RunStatistics {
    /// One entry of `runs[]` in summary.json: the run, its CPU and its series (with or without their samples).
    func writeJSON(to w: inout JSONWriter, samples: SummarySamples = .all) {
        w.object { w in
            w.key("accelerator"); w.value(run.accelerator?.rawValue)
            w.key("aesni"); w.value(run.aesni)
            w.key("aesni_evidence")
            w.array { w in
                for evidence in run.aesniEvidence { evidence.writeJSON(to: &w) }
            }
            w.key("aesni_source"); w.value(run.aesniSource?.rawValue)
            w.key("cpu")
            if let cpu = run.cpu { cpu.writeJSON(to: &w, source: run.cpuPath) } else { w.null() }
            w.key("fio")
            w.array { w in
                for output in run.fio { output.writeJSON(to: &w) }
            }
            w.key("host"); w.value(run.host)
            w.key("label"); w.value(run.label)
            w.key("qemu_cpu_model"); w.value(run.qemuCPUModel)
            w.key("series")
            w.array { w in
                for index in series.indices { series[index].writeJSON(to: &w, samples: samples) } // no copy per series
            }
            w.key("source"); w.value(run.path)
        }
    }
}

extension AESNIEvidence {
    /// One entry of `runs[].aesni_evidence[]`.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("aesni"); w.value(aesni)
            w.key("file"); w.value(path)
            w.key("line"); w.value(line)
            w.key("source"); w.value(source.rawValue)
        }
    }
}

extension CPUDescription {
    /// `runs[].cpu`: the run's CPU as its dump (at `source`) describes it.
    func writeJSON(to w: inout JSONWriter, source: String?) {
        w.object { w in
            w.key("flags"); w.value(flags)
            w.key("guest_evidence"); w.value(guest.evidence)
            w.key("is_guest"); w.value(guest.fact.bool)
            w.key("logical_cpus"); w.value(logicalCPUs)
            w.key("model"); w.value(modelName)
            w.key("source"); w.value(source)
            w.key("vendor"); w.value(vendor)
        }
    }
}
