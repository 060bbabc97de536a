#!/usr/bin/env bash
# Makes sure RabbitMQ answers on 127.0.0.1:5672 (guest/guest): installs it from
# Debian's packages where it is missing, starts it where it is stopped.
set -euo pipefail

port_open() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

if port_open && rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then
  exit 0
fi
if ! command -v rabbitmq-server >/dev/null 2>&1; then
  echo "ensure-rabbitmq: installing rabbitmq-server from Debian's packages" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-rabbitmq: RabbitMQ is not installed and this is not root: install rabbitmq-server, then retry" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq rabbitmq-server >/dev/null
fi
if ! rabbitmqctl -q await_startup --timeout 2 >/dev/null 2>&1; then
  echo "ensure-rabbitmq: starting rabbitmq-server" >&2
  rabbitmq-server -detached >/dev/null 2>&1 || true
fi
# Straight after -detached, await_startup fails (exit 69) until the node registers.
for _ in $(seq 1 60); do
  if rabbitmqctl -q await_startup --timeout 30 >/dev/null 2>&1 && port_open; then
    exit 0
  fi
  sleep 1
done
echo "ensure-rabbitmq: RabbitMQ did not come up on 127.0.0.1:5672" >&2
exit 1
