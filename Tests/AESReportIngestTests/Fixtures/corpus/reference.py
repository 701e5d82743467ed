#!/usr/bin/env python3
"""Independent reference for the corpus: computes, with plain regular expressions and no code shared with
aesreport, what a person reads from each file, and writes expected.json. Run from this folder:
    python3 reference.py > expected.json
Rules (the same a person follows by hand):
- dd: a round is a byte/time summary line ("N bytes ... copied, S s" or BusyBox's "S seconds") that is not a
  status=progress line (integer seconds, followed by the records lines of the same transfer); a round without a
  summary, with 0 bytes or ended by a "dd:" error is not complete. Throughput = bytes / seconds.
- openssl: "Doing <name> for ... on <size> size blocks: <ops> <name>'s in <secs>s" gives ops*size/secs when
  secs > 0; otherwise the table row (values x 1000). Names compare case-insensitively with spaces as dashes;
  a row suffix in parentheses (sbc-bench's cluster) is kept as part of the name. The first row of a name wins.
  A file holds several outputs when a command line naming `openssl speed` follows results, a Doing line repeats
  an algorithm and size, or a header line follows a table; each is read on its own, the table header carrying
  over. A masking command line (OPENSSL_ia32cap="~0x200000200000000" ...) says the output after it lacks AES-NI.
- cryptsetup: "<cipher> <bits>b <enc> MiB/s <dec> MiB/s" rows, MiB = 1048576 bytes, N/A as no value.
- tcrypt: "(<bytes> bytes)" per "1 seconds" under a "testing speed of" header.
- cpuinfo / sbc-bench: AES instructions present when a flags/Features line lists `aes`.
"""
import json, os, re, sys

def dd(text):
    lines = text.split("\n")
    rounds = []
    summary = re.compile(r"^(\d+) bytes (?:\([^)]*\) )?copied, ([0-9.e+-]+) s(?:econds)?,")
    for i, line in enumerate(lines):
        m = summary.match(line.strip())
        if m:
            seconds_text = m.group(2)
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if re.fullmatch(r"\d+", seconds_text) and re.match(r"^\d+\+\d+ records in", nxt):
                continue  # status=progress line of the transfer summarised below
            b, s = int(m.group(1)), float(seconds_text)
            rounds.append({"bytes": b, "seconds": s, "complete": b > 0 and s > 0})
        elif line.startswith("dd: ") and "records" not in line:
            rounds.append({"complete": False})
        elif re.match(r"^\d+\+\d+ records in$", line.strip()):
            # a records pair with no summary before the next records pair or the end: an incomplete round
            rest = [l.strip() for l in lines[i + 1:i + 3]]
            if not any(summary.match(l) for l in rest):
                rounds.append({"complete": False})
    return {"kind": "dd", "rounds": rounds}

def name(n):
    return re.sub(r"\s+", "-", n.strip()).lower()

def is_command(line):
    i = line.lower().find("openssl")
    return i >= 0 and " speed" in line[i + 7:]

def split_outputs(text):
    """Several outputs in one file: a new one starts at a command line naming `openssl speed`, at a Doing line
    for an algorithm and size the current output already has, or at a header line after the current table."""
    outputs, current, has_table, seen = [], [], False, set()
    for line in text.split("\n"):
        t = line.strip()
        has_results = has_table or bool(seen)
        key = None
        m = re.match(r"^Doing (.+?) for \d+s on (\d+) size blocks", t)
        if m: key = (name(m.group(1)), int(m.group(2)))
        new = has_results and (is_command(t) or (has_table and re.match(r"^(Doing |\+DT:|version:|OpenSSL |CPUINFO:)", t))
                               or (key is not None and key in seen))
        if new:
            outputs.append(current); current, has_table, seen = [], False, set()
        current.append(line)
        if key: seen.add(key)
        if re.match(r"^(.+?)((?:\s+[0-9.]+k)+)(\s+\([^)]*\))?$", t) and not t.startswith("Doing"): has_table = True
    outputs.append(current)
    return ["\n".join(o) for o in outputs]

def one_output(text, sizes):
    counted, order, table = {}, [], {}
    doing = re.compile(r"^Doing (.+?) for \d+s on (\d+) size blocks: (\d+) .+'s in ([0-9.]+)s$")
    for line in text.split("\n"):
        line = line.strip()
        m = doing.match(line)
        if m:
            n = name(m.group(1))
            counted.setdefault(n, {})[int(m.group(2))] = (int(m.group(3)), float(m.group(4)))
            if n not in order: order.append(n)
            continue
        if line.startswith("type "):
            sizes = [int(x) for x in re.findall(r"(\d+) bytes", line)]
            continue
        m = re.match(r"^(.+?)((?:\s+[0-9.]+k)+)(\s+\([^)]*\))?$", line)
        if sizes and m and not line.startswith("Doing"):
            n = name(m.group(1) + (m.group(3) or ""))
            if n in table: continue
            table[n] = [float(v[:-1]) * 1000 for v in m.group(2).split()]
            if n not in order: order.append(n)
    results = []
    for n in order:
        c = counted.get(n, {})
        for idx, size in enumerate(sizes or sorted(c)):
            if size in c and c[size][1] > 0:
                ops, secs = c[size]
                results.append({"algorithm": n, "blockSize": size, "bytesPerSecond": ops * size / secs,
                                "operations": ops, "seconds": secs})
            elif n in table and idx < len(table[n]):
                results.append({"algorithm": n, "blockSize": size, "bytesPerSecond": table[n][idx]})
    out = {"results": results}
    m = re.search(r"OPENSSL_ia32cap=[\"']?(~?)(0x[0-9a-fA-F]+|\d+)", text)
    if m and is_command(text.split("\n")[[i for i, l in enumerate(text.split("\n")) if "OPENSSL_ia32cap=" in l][0]]):
        bit = bool(int(m.group(2), 0) >> 57 & 1)                  # a masking command line before the output
        out["aesni"] = (not bit) if m.group(1) else bit
    m = re.search(r"OPENSSL_armcap=0x([0-9a-fA-F]+)", text)
    if m: out["aesni"] = bool(int(m.group(1), 16) & 0x4)      # ARMV8_AES, bit 2 (crypto/arm_arch.h)
    m = re.search(r"CPUINFO: OPENSSL_ia32cap=0x([0-9a-fA-F]+)", text)
    if m: out["aesni"] = bool(int(m.group(1), 16) >> 57 & 1)  # AES-NI, bit 57
    return out, sizes

def openssl(text):
    outputs, sizes = [], []
    for part in split_outputs(text):
        out, sizes = one_output(part, sizes)
        if out["results"]: outputs.append(out)
    return {"kind": "openssl", "outputs": outputs}

def cryptsetup(text):
    rows = []
    for line in text.split("\n"):
        m = re.match(r"^\s*(\S+)\s+(\d+)b\s+(?:([0-9.]+) MiB/s|N/A)\s+(?:([0-9.]+) MiB/s|N/A)\s*$", line)
        if m:
            mib = lambda v: float(v) * 1048576 if v else None
            rows.append({"algorithm": m.group(1), "keyBits": int(m.group(2)),
                         "encryption": mib(m.group(3)), "decryption": mib(m.group(4))})
    return {"kind": "cryptsetup", "ciphers": rows}

def tcrypt(text):
    rows, header = [], False
    for line in text.split("\n"):
        if "testing speed of" in line: header = True
        m = re.search(r"test (\d+) \((\d+) bit key, (\d+) byte blocks\): (\d+) operations in (\d+) seconds \((\d+) bytes\)", line)
        if m and header:
            rows.append({"test": int(m.group(1)), "keyBits": int(m.group(2)), "blockSize": int(m.group(3)),
                         "bytesPerSecond": int(m.group(6)) / int(m.group(5))})
    return {"kind": "tcrypt", "results": rows}

def aes_flag(text):
    for line in text.split("\n"):
        m = re.match(r"^(flags|Features|Flags)\s*:\s*(.*)$", line)
        if m and "aes" in m.group(2).split(): return True
    return False

def cpuinfo(text):
    return {"kind": "cpuinfo", "aes": aes_flag(text)}

def sbcbench(text):
    out = openssl(text)
    out["kind"] = "sbc-bench"
    out["aes"] = aes_flag(text)
    out["title"] = text.split("\n")[0]
    return out

readers = {"dd": dd, "openssl": openssl, "cryptsetup": cryptsetup, "tcrypt": tcrypt, "cpuinfo": cpuinfo,
           "sbc-bench": sbcbench}
expected = {}
for folder in sorted(readers):
    for f in sorted(os.listdir(folder)):
        text = open(os.path.join(folder, f), encoding="utf-8", errors="replace").read()
        expected[folder + "/" + f] = readers[folder](text)
json.dump(expected, sys.stdout, indent=1, sort_keys=True)
print()
