#!/usr/bin/env bash
# Runs a command (the test suite) and fails when it leaves a temporary folder of the
# project's, or a Redis or PostgreSQL server, behind: the suite promises to remove what it
# made and stop what it started, even when a test fails.
set -uo pipefail
tmp="${TMPDIR:-/tmp}"
folders() { find "$tmp" -maxdepth 1 -name 'storybot-*' 2>/dev/null | sort; }
# A killed server its parent has not yet reaped (a zombie) is not running: it is not counted.
servers() { for pid in $(pgrep -x 'redis-server|postgres' 2>/dev/null); do case "$(ps -o stat= -p "$pid")" in Z*) ;; *) echo "$pid" ;; esac; done | sort; }
folders_before=$(folders)
servers_before=$(servers)
"$@"
status=$?
new_folders=$(comm -13 <(echo "$folders_before") <(folders) | sed '/^$/d')
new_servers=$(comm -13 <(echo "$servers_before") <(servers) | sed '/^$/d')
if [ -n "$new_folders" ] || [ -n "$new_servers" ]; then
  echo "no-litter: the run left behind:" >&2
  [ -n "$new_folders" ] && echo "$new_folders" | sed 's/^/  folder /' >&2
  [ -n "$new_servers" ] && for pid in $new_servers; do echo "  server $(ps -o pid=,args= -p "$pid")" >&2; done
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
