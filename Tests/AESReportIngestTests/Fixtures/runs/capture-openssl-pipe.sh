#!/usr/bin/env bash
# Captures real dd output whose throughput depends on AES-NI, without dm-crypt: dd reads the ciphertext that
# `openssl enc` produces (read) or feeds the plaintext `openssl enc` consumes (write), once with AES-NI and once with
# it masked by OPENSSL_ia32cap. Five rounds of 64 MiB per cipher and operation, appended as the seed's script does.
# Usage: bash capture-openssl-pipe.sh OUT_DIR    (writes OUT_DIR/with-aesni and OUT_DIR/no-aesni)
set -euo pipefail
out=${1:?output folder}
key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
iv=000102030405060708090a0b0c0d0e0f
for state in with-aesni no-aesni; do
  mkdir -p "$out/$state"
  mask=""
  [ "$state" = no-aesni ] && mask="~0x200000200000000:~0x60000000000"
  for cipher in aes-128-cbc aes-128-ctr aes-256-cbc; do
    bits=${cipher:4:3}
    for round in 1 2 3 4 5; do
      OPENSSL_ia32cap="$mask" openssl enc -$cipher -K ${key:0:$((bits / 4))} -iv $iv -in /dev/zero 2>/dev/null \
        | LC_ALL=C dd of=/dev/null bs=1M count=64 iflag=fullblock 2>>"$out/$state/$cipher-read.txt" || true
      LC_ALL=C dd if=/dev/zero bs=1M count=64 2>>"$out/$state/$cipher-write.txt" \
        | OPENSSL_ia32cap="$mask" openssl enc -$cipher -K ${key:0:$((bits / 4))} -iv $iv >/dev/null
    done
  done
done
