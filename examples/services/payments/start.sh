#!/bin/sh
# Start script of the payments-tools image (/opt/payments/start.sh), run by the settlement-export CronJob.
set -eu

# "Fixes" slow IPv6 lookups by turning IPv6 off: /proc/sys is read-only in the pod, so with
# set -e the job stops here every night.
sysctl -w net.ipv6.conf.all.disable_ipv6=1

exec /opt/payments/payments-tools "$@"
