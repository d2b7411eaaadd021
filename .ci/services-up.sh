#!/usr/bin/env bash
# Starts whichever of PostgreSQL, RabbitMQ, Redis and NATS is down (the machine's own commands),
# then waits for each to answer. Safe to run when all are up.
set -uo pipefail

up() { timeout 2 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }
wait_for() { for _ in $(seq 1 60); do up "$2" && return 0; sleep 1; done; echo "$1 did not come up on port $2" >&2; return 1; }

if ! up 5432; then
  echo "starting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
fi
if ! up 6379; then
  echo "starting Redis"; redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
if ! up 4222; then
  echo "starting NATS"; start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
fi
if ! up 5672; then
  echo "starting RabbitMQ"
  # A node left with its app stopped (a test's stop_app) answers rabbitmqctl: start the app only.
  rabbitmqctl -q start_app 2>/dev/null || rabbitmq-server -detached
  rabbitmqctl -q await_startup >/dev/null 2>&1 || true
fi
# A run killed in the middle of the memory-alarm test would leave RabbitMQ blocking every publisher.
watermark=$(rabbitmqctl -q eval 'vm_memory_monitor:get_vm_memory_high_watermark().' 2>/dev/null || echo 0.4)
if awk "BEGIN { exit !($watermark < 0.01) }" 2>/dev/null; then
  echo "restoring RabbitMQ's memory watermark (was $watermark)"; rabbitmqctl -q set_vm_memory_high_watermark 0.4
fi
wait_for PostgreSQL 5432 && wait_for Redis 6379 && wait_for NATS 4222 && wait_for RabbitMQ 5672
