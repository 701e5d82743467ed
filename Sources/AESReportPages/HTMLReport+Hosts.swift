import AESReportIngest
import AESReportModel
import AESReportStats

extension HTMLReport {
    func chartView(_ index: Int, _ chart: InlineChart) -> ChartView {
        ChartView(name: chart.name, title: chart.title.isEmpty ? chart.name : chart.title, caption: chart.caption, svg: "\(Self.markerPrefix)\(index)-->",
                  files: chart.files.map { file in
                      ChartView.FileLink(href: file, label: String(file.split(separator: ".").last ?? "").uppercased())
                  }, hasFiles: !chart.files.isEmpty)
    }

    func hostView(_ host: String, anchor: String) -> HostView {
        let speedups = analysis.speedups.filter { $0.host == host }.map { s in
            gainView(s, name: s.cipher, operation: s.operation.rawValue)
        }
        let runs = analysis.runs.filter { $0.run.host == host }.map { stats in
            RunView(label: stats.run.label,
                    state: AESNIStateText.of(stats.run.aesni),
                    source: stats.run.path, stateSource: stats.run.aesniSource?.rawValue,
                    series: seriesViews(stats), intervalHeader: statisticalMethod.centreIntervalHeader,
                    hasFio: !stats.run.fio.isEmpty)
        }
        let openssl = analysis.opensslSpeedups.filter { $0.host == host }.map { s in
            gainView(s, name: s.algorithm, operation: s.direction.rawValue, block: String(s.blockSize),
                     rounds: "\(s.roundsWithout) / \(s.roundsWith)")
        }
        let opensslMethod = statisticalMethod.forSamples
        let cryptsetup = cryptsetupGainViews(host)
        let tcrypt = tcryptGainViews(host)
        var view = HostView(name: host, anchor: anchor, centre: options.centre.rawValue, alpha: "\(options.alpha)",
                        speedups: speedups, hasSpeedups: !speedups.isEmpty, opensslSpeedups: openssl,
                        hasOpenSSLSpeedups: !openssl.isEmpty,
                        opensslCentre: opensslMethod.centreName(), runs: runs, method: statisticalMethod.summaryLine(),
                        legend: statisticalMethod.significanceLegend(), ratioIntervalHeader: statisticalMethod.ratioIntervalHeader,
                        pHeader: statisticalMethod.pValueHeader, opensslMethod: opensslMethod.summaryLine(),
                        opensslLegend: opensslMethod.significanceLegend(),
                        opensslRatioIntervalHeader: opensslMethod.ratioIntervalHeader,
                        opensslPHeader: opensslMethod.pValueHeader)
        view.cryptsetupSpeedups = cryptsetup
        view.hasCryptsetupSpeedups = !cryptsetup.isEmpty
        view.tcryptSpeedups = tcrypt.rows
        view.hasTcryptSpeedups = !tcrypt.rows.isEmpty
        view.tcryptBlock = tcrypt.block.map(String.init) ?? ""
        return view
    }

    /// A gain's row, dd, openssl, cryptsetup or tcrypt: what identifies it, then the measured cells.
    func gainView(_ s: some AESNIGain, name: String, operation: String, block: String? = nil,
                  rounds: String? = nil) -> GainView {
        GainView(name: name, operation: operation, block: block, rounds: rounds,
                 without: ThroughputFormat.si(s.withoutAESNI), with: ThroughputFormat.si(s.withAESNI),
                 gain: SpeedupText.gain(s.estimate, significant: s.significant),
                 ci: NumberText.percentInterval(s.estimate.confidenceInterval),
                 p: pText(s.test, roundsWith: s.roundsWith, roundsWithout: s.roundsWithout),
                 rowClass: SpeedupText.rowClass(s.significant))
    }

    /// The method of this report, which every header and sentence about the statistics reads.
    var statisticalMethod: Method { options.method }

    /// A p-value on the page: two significant digits, or why there is none (`n/a (1 round)`).
    func pText(_ test: TestResult, roundsWith: Int, roundsWithout: Int) -> String {
        test.pValue.map { ThroughputFormat.significant($0, digits: 2) }
            ?? SpeedupText.untestedReason(roundsWith: roundsWith, roundsWithout: roundsWithout)
    }

    func seriesView(_ s: SeriesStatistics) -> SeriesView {
        let summary = s.summary
        return SeriesView(
            cipher: s.cipher, operation: s.operation.rawValue, n: String(s.n), failed: String(s.failed),
            mean: summary.map { ThroughputFormat.si($0.mean) } ?? "-",
            median: summary.map { ThroughputFormat.si($0.median) } ?? "-",
            stdev: summary?.standardDeviation.map { ThroughputFormat.si($0) } ?? "-",
            ci: s.centreIntervalText(separator: " – ", none: "no complete round"),
            cv: s.coefficientOfVariationText, noisy: (summary?.coefficientOfVariation ?? 0) > Self.noisyCV,
            noisyThreshold: NumberText.plainPercent(Self.noisyCV * 100),
            outliers: s.outliersText, rowClass: s.n == 0 ? "failed" : "")
    }

    func comparisonView(_ document: ComparisonDocument) -> ComparisonView {
        let c = document.comparison
        func table(_ caption: String, _ content: (header: [String], cells: [[String]]), marked: [Bool?]) -> ComparisonView.Table {
            let numeric: Set<Int> = [1, 2, 3]
            return ComparisonView.Table(
                caption: caption,
                header: content.header.enumerated().map { ComparisonView.Cell(text: $1, num: numeric.contains($0)) },
                rows: zip(content.cells, marked).map { cells, significant in
                    ComparisonView.Row(cells: cells.enumerated().map { ComparisonView.Cell(text: $1, num: numeric.contains($0)) },
                                       rowClass: significant == true ? "" : "not-significant")
                })
        }
        let pairs = c.pairs.indices.map { index in
            let rows = c.rows.filter { $0.pair == index }
            let gains = c.gains.filter { $0.pair == index }
            var tables: [ComparisonView.Table] = []
            if !rows.isEmpty {
                tables.append(table(c.pairs[index].kind == .aesniStates ? "AES-NI gain per cipher and operation"
                                        : text.comparisonCaption,
                                    document.rowsTable(pair: index), marked: rows.map(\.significant)))
            }
            let stateGains = c.stateGains.filter { $0.pair == index }
            if !stateGains.isEmpty {
                tables.append(table("AES-NI gain in openssl, cryptsetup and tcrypt outputs",
                                    document.stateGainsTable(pair: index, largestBlockOnly: false),
                                    marked: stateGains.map(\.gain.significant)))
            }
            if !gains.isEmpty {
                tables.append(table("What AES-NI buys on each, and the ratio of the two gains",
                                    document.gainsTable(pair: index, largestBlockOnly: false),
                                    marked: gains.map(\.comparison.significant)))
            }
            return ComparisonView.Pair(title: document.pairTitle(index), tables: tables,
                                       notes: document.geometricMeanLines(pair: index))
        }
        let machines = document.machines.facts.isEmpty ? nil : ComparisonView.Table(
            caption: "The machines, fact by fact (marked where they differ)",
            header: ([text.fact] + c.columns.indices.map(document.columnName) + [text.differs])
                .map { ComparisonView.Cell(text: $0, num: false) },
            rows: document.machines.facts.map { fact in
                ComparisonView.Row(cells: ([fact.name] + fact.values + [fact.differs ? "≠" : ""])
                    .map { ComparisonView.Cell(text: $0, num: false) },
                                   rowClass: fact.differs ? "differs" : "")
            })
        return ComparisonView(
            a: c.nameA, b: c.sideNames.dropFirst().joined(separator: ", "),
            note: statisticalMethod.comparisonNote + (c.gains.isEmpty ? "" : " Gain ratio: " + statisticalMethod.gainComparisonMethod + "."),
            pairing: document.pairingLine.isEmpty ? nil : document.pairingLine, pairs: pairs, machines: machines, unmatched: document.unmatchedLines)
    }
}
