#!/bin/sh
# The official image's Redis answers other containers without a password (protected mode
# off); Debian's refuses them unless told.
set -e
if [ "$1" = redis-server ]; then
  shift
  set -- redis-server --protected-mode no "$@"
fi
exec "$@"
