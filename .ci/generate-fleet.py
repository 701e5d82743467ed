#!/usr/bin/env python3
"""Generates a SYNTHETIC fleet corpus for benchmarks and fleet-view tests, deterministic from a seed.

  python3 .ci/generate-fleet.py HOSTS DIR [--seed N]

DIR/host-NNNNN/ holds cpuinfo-host.txt and two runs, with-aesni/ and no-aesni/, each with a guest cpuinfo.txt and
the seed chapter's six ciphers, read and write, 10 rounds of 20 GiB in coreutils 8.22's format. Some hosts are
made to stand out: every 97th has a truncated log, every 89th a garbage file, every 83rd a "with AES-NI" guest whose
CPU lacks the aes flag (so its gain is about zero), every 71st a gain well below the fleet's, every 61st a failed
round (No space left on device).
"""
import os
import random
import sys

CIPHERS = ["aes-ecb-plain", "aes-cbc-plain", "aes-ctr-plain", "aes-lrw-plain", "aes-pcbc-plain", "aes-xts-plain"]
GAINS = {"read": [0.87, 0.62, 0.76, 0.43, 0.48, 0.82], "write": [0.46, 0.19, 0.40, 0.24, 0.21, 0.43]}
BYTES = 21474836480
FLAGS = ("fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss "
         "syscall nx pdpe1gb rdtscp lm constant_tsc arch_perfmon rep_good nopl xtopology pni pclmulqdq ssse3 fma "
         "cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm avx2 "
         "bmi1 bmi2 erms rdseed adx smap xsaveopt")


def cpuinfo(flags, processors, model):
    return "".join(f"processor\t: {i}\nvendor_id\t: GenuineIntel\nmodel name\t: {model}\nflags\t\t: {flags}\n\n"
                   for i in range(processors))


def rounds(rng, rate, failed_round=None):
    out = []
    for r in range(10):
        if r == failed_round:
            out.append("dd: error writing '/dev/mapper/crypt0': No space left on device\n20+0 records in\n"
                       "19+0 records out\n20401094656 bytes (20 GB) copied, 9.8 s, 2.1 GB/s\n")
            continue
        seconds = BYTES / rng.gauss(rate, rate * 0.02)
        out.append(f"20+0 records in\n20+0 records out\n{BYTES} bytes (21 GB) copied, {seconds:.6g} s, "
                   f"{BYTES / seconds / 1e9:.1f} GB/s\n")
    return "".join(out)


def write(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def main():
    hosts = int(sys.argv[1])
    root = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2017
    rng = random.Random(seed)
    model = "Intel(R) Xeon(R) CPU E5-2699 v4 @ 2.20GHz"
    for h in range(1, hosts + 1):
        host = os.path.join(root, f"host-{h:05d}")
        os.makedirs(host, exist_ok=True)
        write(os.path.join(host, "cpuinfo-host.txt"), cpuinfo(FLAGS.replace(" hypervisor", ""), 4, model))
        speed = rng.uniform(0.8, 1.25)
        for run, aesni in (("with-aesni", True), ("no-aesni", False)):
            folder = os.path.join(host, run)
            os.makedirs(folder, exist_ok=True)
            lacks_aes = aesni and h % 83 == 0
            flags = FLAGS if aesni and not lacks_aes else FLAGS.replace(" aes ", " ")
            write(os.path.join(folder, "cpuinfo.txt"), cpuinfo(flags, 2, model))
            for operation in ("read", "write"):
                for c, cipher in enumerate(CIPHERS):
                    base = (1.2e9 if operation == "read" else 0.95e9) * speed * (1 - 0.04 * c)
                    gain = GAINS[operation][c] * (0.35 if h % 71 == 0 else 1)
                    rate = base * (1 + gain) if aesni and not lacks_aes else base
                    failed = 3 if (h % 61 == 0 and aesni and c == 0) else None
                    text = rounds(rng, rate, failed)
                    if h % 97 == 0 and c == 5 and operation == "write" and not aesni:
                        text = text[: len(text) // 2]
                    write(os.path.join(folder, f"{cipher}-{operation}.txt"), text)
            if h % 89 == 0 and not aesni:
                write(os.path.join(folder, "aes-gcm-plain-read.txt"), "\x00garbage\xff from a broken copy\n")


if __name__ == "__main__":
    main()
