#!/usr/bin/env bash
# Installs the out-of-process peers the tests use (see docs/testing.md): Postfix (for smtp-sink and
# smtp-source, no mail service is configured or started), swaks with TLS support, and the Knot DNS
# server with its tools, OpenDKIM (opendkim, opendkim-tools) and dkimpy (python3-dkim, python3-nacl
# for Ed25519) to verify and produce DKIM signatures, Dovecot (IMAP and POP3, for the inbound mailbox
# sources), and PostgreSQL 15 (the outbox tests start a
# private cluster of their own in a temporary directory). Run as root (CI runs as root); idempotent.
# Nothing is started here: each test starts its own peer on 127.0.0.1 and stops it.
set -euo pipefail

packages=(postfix swaks libnet-ssleay-perl knot knot-dnsutils dnsutils opendkim opendkim-tools python3-dkim python3-nacl postgresql-15 dovecot-imapd dovecot-pop3d)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-peers: all peers already installed (${packages[*]})"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# Package scripts may have started daemons on some systems; the tests start their own on loopback.
$SUDO systemctl stop postfix knot opendkim postgresql dovecot 2>/dev/null || true
echo "install-peers: installed ${missing[*]}"
