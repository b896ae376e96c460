#!/usr/bin/env bash
# Re-records every cast of the corpus with termlens itself (`termlens record
# --steps`), at 120×36, and renders one frame of each for the README table.
#
#   test/corpus/record.sh            re-record everything
#   test/corpus/record.sh vim less   re-record only these ids
#
# Needs the Debian packages listed in .ci/run (procps ncdu whiptail dialog curl
# vim nano less mc git gcc tmux). The tests read the committed casts; run this
# only to refresh them, then look at the frames and check the expected ranges
# in corpus.yaml still hold for what the frames show.
set -euo pipefail
CORPUS="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$CORPUS/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/termlens-corpus.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
ONLY=("$@")
termlens() { (cd "$ROOT" && node --import tsx src/cli/main.ts "$@"); }

# A private home, so no user's vimrc, mc or nano settings change what is recorded.
export HOME="$WORK/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 PS1='$ ' TZ=UTC
mkdir -p "$HOME"
F="$CORPUS/fixtures"
cp "$F/retry.ts" "$F/broken.c" "$F/vimrc" "$F/vimrc-low-contrast" "$WORK/"
DATA="$WORK/download.bin"
head -c 6000000 /dev/zero >"$DATA"
# The download comes from a local HTTP server (node, which termlens needs
# anyway) that sends 80 kB every 100 ms, like a slow link, so curl's progress
# meter moves steadily. (curl does not throttle file:// transfers, and its own
# --limit-rate over loopback jumps to half-way at once, then waits.)
PORT=$((20000 + RANDOM % 20000))
node -e 'const fs = require("fs"); const [file, port] = process.argv.slice(1); const data = fs.readFileSync(file);
  require("http").createServer((q, s) => {
    s.writeHead(200, { "content-length": data.length });
    let at = 0;
    const tick = setInterval(() => { s.write(data.subarray(at, at += 80000)); if (at >= data.length) { clearInterval(tick); s.end(); } }, 100);
  }).listen(+port, "127.0.0.1");' "$DATA" "$PORT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

# A small repository with branches, a merge and tags, for git log --graph.
REPO="$WORK/repo"
git_fixed() { GIT_AUTHOR_DATE="2026-03-0$1T10:00:00Z" GIT_COMMITTER_DATE="2026-03-0$1T10:00:00Z" git -C "$REPO" "${@:2}"; }
git init -q -b main "$REPO"
git -C "$REPO" config user.name "Ada Example" && git -C "$REPO" config user.email ada@example.com
n=1
for msg in "Initial layout" "Parse the config file" "Retry failed downloads" "Show progress while copying"; do
  echo "$msg" >>"$REPO/notes.txt"; git_fixed $n add -A; git_fixed $n commit -qm "$msg"; n=$((n % 9 + 1))
done
git_fixed 5 tag v0.1.0
git_fixed 5 checkout -q -b feature/themes
for msg in "Add a dark theme" "Add a light theme" "Pick the theme from the config"; do
  echo "$msg" >>"$REPO/themes.txt"; git_fixed $n add -A; git_fixed $n commit -qm "$msg"; n=$((n % 9 + 1))
done
git_fixed 6 checkout -q main
for msg in "Fix the exit code on timeout" "Document the exit codes"; do
  echo "$msg" >>"$REPO/notes.txt"; git_fixed $n add -A; git_fixed $n commit -qm "$msg"; n=$((n % 9 + 1))
done
git_fixed 7 merge -q --no-ff -m "Merge branch 'feature/themes'" feature/themes
git_fixed 7 checkout -q -b fix/unicode
echo "wide characters" >>"$REPO/notes.txt"; git_fixed 8 commit -qam "Count wide characters as two cells"
git_fixed 8 checkout -q main
echo "release" >>"$REPO/notes.txt"; git_fixed 9 commit -qam "Release 0.2.0"; git_fixed 9 tag v0.2.0

# The dashboards watch a small workload of their own (not the machine's other
# processes): one busy, one stopped, two sleeping.
nice -n 19 yes >/dev/null & BUSY=$!
sleep 600 & STOPPED=$!; kill -STOP $STOPPED
sleep 600 & SLEEPING=$!
tail -f /dev/null & TAILING=$!
PIDS="$BUSY,$STOPPED,$SLEEPING,$TAILING"
disown $SERVER $BUSY $STOPPED $SLEEPING $TAILING # no job notices when the trap ends them
trap 'kill $SERVER $BUSY $SLEEPING $TAILING 2>/dev/null; kill -9 $STOPPED 2>/dev/null; rm -rf "$WORK"' EXIT
PS_COLUMNS='pid,user,stat,pcpu,pmem,etime,comm'
STEPS="$WORK/steps.yaml"
# rec ID COMMAND… — steps come on stdin (YAML, see README: record.steps).
rec() {
  local id="$1"; shift
  cat >"$STEPS"
  if [ "${#ONLY[@]}" -gt 0 ] && [[ ! " ${ONLY[*]} " == *" $id "* ]]; then return; fi
  echo "== $id"
  # A compiler that finds errors exits non-zero: that is what is being recorded, so go on.
  termlens record --cols 120 --rows 36 --timeout 60s --cwd "$WORK" --steps "$STEPS" -o "$CORPUS/casts/$id.cast" -- "$@" >/dev/null ||
    echo "   ($id: exit code $?; the recording was kept)"
  rm -f "$CORPUS/casts/$id.json"
  rm -rf "$WORK/frames"
  termlens render "$CORPUS/casts/$id.cast" --width 1200 --height 720 --frames "$WORK/frames" -o "$WORK/video.mp4" >/dev/null
  # The frame with the most on it (the largest PNG): what the display looks like at its fullest.
  cp "$(ls -S "$WORK"/frames/*.png | head -1)" "$CORPUS/frames/$id.png"
}
pause='- sleep: 1s'

# ── live dashboards ──
rec top top -d 0.5 -p "$PIDS" <<EOF
- wait: /Tasks:/
- sleep: 5s
- key: q
- wait-exit
EOF
# The same keys with and without colour, so the two recordings differ only in colour.
ncdu_steps=$(cat <<EOF
- wait: /Total disk usage/
$pause
- key: Down
$pause
- key: Down
$pause
- key: Enter
$pause
- key: q
- wait-exit
EOF
)
rec ncdu ncdu --color dark -x /usr/share <<<"$ncdu_steps"
rec ncdu-no-colour ncdu --color off -x /usr/share <<<"$ncdu_steps"
rec tmux tmux -L termlens-corpus -f /dev/null new-session -s corpus bash --norc --noprofile <<EOF
- wait: /\\$ /
$pause
- type: "ls -l --color=always /etc | head -20"
- key: Enter
- sleep: 2s
- type: exit
- key: Enter
- wait-exit
EOF

# ── progress displays ──
rec whiptail-gauge sh -c 'for i in $(seq 0 4 100); do echo $i; sleep 0.25; done | whiptail --title "Installing" --gauge "Unpacking archives..." 8 70 0' <<EOF
- wait-exit
EOF
rec dialog-gauge sh -c 'for i in $(seq 0 4 100); do echo $i; sleep 0.25; done | dialog --title "Backup" --gauge "Copying files to the archive..." 10 70 0' <<EOF
- wait-exit
EOF
rec curl-progress curl -# -o download.copy "http://127.0.0.1:$PORT/download.bin" <<EOF
- wait-exit
EOF
rec curl-silent curl -s -o download.copy "http://127.0.0.1:$PORT/download.bin" <<EOF
- wait-exit
EOF

# ── editors and pagers, driven with a person's pauses ──
VIM_KEYS="- wait: /retry.ts/
$pause
- key: j
  count: 8
  speed: 300ms
$pause
- type: /Error
$pause
- key: Enter
$pause
- key: n
$pause
- type: ':q'
$pause
- key: Enter
- wait-exit"
rec vim vim -u vimrc retry.ts <<<"$VIM_KEYS"
rec vim-low-contrast vim -u vimrc-low-contrast retry.ts <<<"$VIM_KEYS"
rec nano nano retry.ts <<EOF
- wait: /GNU nano/
$pause
- key: Down
  count: 6
  speed: 300ms
$pause
- type: "// checked by hand"
$pause
- key: Ctrl+X
$pause
- key: n
- wait-exit
EOF
rec less less -R retry.ts <<EOF
- wait: /retry.ts/
$pause
- type: /attempt
$pause
- key: Enter
$pause
- key: n
$pause
- key: Space
$pause
- key: q
- wait-exit
EOF

# ── file managers and menus ──
MC_KEYS="- wait: /Left/
$pause
- key: Down
  count: 3
  speed: 400ms
$pause
- key: Tab
$pause
- key: Down
  count: 2
  speed: 400ms
$pause
- key: F10
- wait-exit"
rec mc mc --nosubshell /usr/share/doc /etc <<<"$MC_KEYS"
rec mc-monochrome mc --nosubshell -b /usr/share/doc /etc <<<"$MC_KEYS"
MENU_ITEMS=(1 "Debian main mirror (deb.debian.org)" 2 "Fastly CDN mirror" 3 "University mirror, Europe" 4 "University mirror, Asia" 5 "Local cache (apt-cacher-ng)")
rec dialog-menu dialog --title "Package source" --menu "Choose where packages are downloaded from:" 16 64 6 "${MENU_ITEMS[@]}" <<EOF
- wait: /Package source/
$pause
- key: Down
$pause
- key: Down
$pause
- key: Enter
- wait-exit
EOF
rec dialog-checklist dialog --title "Components" --checklist "Select what to install:" 16 64 6 core "Core runtime" on docs "Documentation" off themes "Extra colour themes" off dev "Headers for developers" off <<EOF
- wait: /Components/
$pause
- key: Down
$pause
- key: Space
$pause
- key: Down
$pause
- key: Space
$pause
- key: Enter
- wait-exit
EOF

# ── plain streaming output ──
rec git-log git -C repo --no-pager log --graph --color=always --decorate --all --format='%C(auto)%h %d %s %C(dim)(%an, %ad)' --date=short <<EOF
- wait-exit
EOF
rec git-log-no-colour git -C repo --no-pager log --graph --color=never --decorate --all --format='%h %d %s (%an, %ad)' --date=short <<EOF
- wait-exit
EOF
rec ls-colour ls -l --color=always /etc/alternatives /usr/share/doc/bash <<EOF
- wait-exit
EOF
rec ls-no-colour ls -l --color=never /etc/alternatives /usr/share/doc/bash <<EOF
- wait-exit
EOF
rec gcc-errors gcc -fdiagnostics-color=always -c broken.c -o /dev/null <<EOF
- wait-exit
EOF
rec gcc-errors-no-colour gcc -fdiagnostics-color=never -c broken.c -o /dev/null <<EOF
- wait-exit
EOF

# ── redraw every tick, and the same display redrawn by clearing ──
rec watch watch -n 0.5 "ps -o $PS_COLUMNS -p $PIDS,\$\$" <<EOF
- wait: /Every/
- sleep: 5s
- key: Ctrl+C
- wait-exit
EOF
rec watch-clearing sh -c "while :; do clear; date; ps -o $PS_COLUMNS -p $PIDS,\$\$; sleep 0.5; done" <<EOF
- wait: /PID/
- sleep: 5s
- key: Ctrl+C
- wait-exit
EOF

# ── waits in silence before printing: sort prints nothing until du has walked the tree ──
rec du-sort sh -c 'du -a /usr 2>/dev/null | sort -n | tail -30' <<EOF
- wait-exit
EOF

# ── the bundled demo target, clean and with each defect ──
export TERMLENS_ROOT="$ROOT"
DEMO="node --import tsx examples/demo-target/main.ts --seed 7 --speed 5"
rec demo sh -c "cd \"\$TERMLENS_ROOT\" && $DEMO" <<EOF
- wait-exit
EOF
for defect in low-contrast escape-debris overflow no-status-icons flicker silent; do
  rec "demo-$defect" sh -c "cd \"\$TERMLENS_ROOT\" && $DEMO --defect $defect" <<EOF
- wait-exit
EOF
done
echo "recorded into $CORPUS/casts; frames in $CORPUS/frames"
