#!/usr/bin/env python3
"""The script a user would write instead of `aesreport report FLEET -o OUT --format json,csv`.

Walks FLEET with os.walk, reads every dd result file (<cipher>-<op>.txt), takes bytes and seconds from dd's
"N bytes (...) copied, S s, ..." line with one regular expression, averages the throughput of each series with
statistics.mean, and writes per-host AES-NI ratios (with / without, per cipher and operation) to OUT/summary.json
and OUT/summary.csv. A folder whose name contains "no" (no-aesni, guest-noaesni) is the run without AES-NI.
Usage: summary.py FLEET OUT
"""
import csv, json, os, re, statistics, sys

DD = re.compile(rb"^(\d+) bytes .*copied, ([0-9.]+) s", re.M)
NAME = re.compile(r"^(aes-[a-z0-9-]+)-(read|write)\.txt$")

fleet, out = sys.argv[1], sys.argv[2]
series = {}  # (host, cipher, op) -> {aesni: mean MB/s}
for folder, _, files in os.walk(fleet):
    state = "off" if "no" in os.path.basename(folder) else "on"
    host = os.path.basename(os.path.dirname(folder))
    for name in files:
        match = NAME.match(name)
        if not match:
            continue
        with open(os.path.join(folder, name), "rb") as f:
            rates = [int(b) / float(s) / 1e6 for b, s in DD.findall(f.read()) if float(s) > 0]
        if rates:
            series.setdefault((host, match[1], match[2]), {})[state] = statistics.mean(rates)

rows = []
for (host, cipher, op), means in sorted(series.items()):
    if "on" in means and "off" in means:
        rows.append({"host": host, "cipher": cipher, "operation": op, "with_aesni_mb_s": means["on"],
                     "without_aesni_mb_s": means["off"], "ratio": means["on"] / means["off"]})
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "summary.json"), "w") as f:
    json.dump({"speedups": rows}, f, indent=2)
with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["host"])
    writer.writeheader()
    writer.writerows(rows)
