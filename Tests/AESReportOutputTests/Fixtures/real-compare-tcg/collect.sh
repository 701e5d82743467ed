#!/bin/bash
# Two real collect vm runs of this machine: dc-idle/tcg-host (no extra load) and dc-loaded/tcg-host (two busy
# loops on the two cores during the whole run): the same host name in two trees.
cd /work/real-compare
date
/tmp/aesreport-collect collect vm --ciphers aes-ecb-plain,aes-cbc-plain,aes-xts-plain --size 32 --rounds 5 -o dc-idle/tcg-host > idle.log 2>&1
echo "idle exit $?"; date
( for i in 1 2; do ( while :; do :; done ) & done; wait ) &
LOAD=$!
sleep 1
/tmp/aesreport-collect collect vm --ciphers aes-ecb-plain,aes-cbc-plain,aes-xts-plain --size 32 --rounds 5 -o dc-loaded/tcg-host > loaded.log 2>&1
echo "loaded exit $?"; date
pkill -P $LOAD; kill $LOAD
