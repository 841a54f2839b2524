#!/usr/bin/env python3
"""The morning, measured: the first open of a day (the last automatic backup
is yesterday's, so today's is written) beside a later open the same day.

For each size: `generate` a board, wait for its backup, rename that backup
to yesterday's date, then open the board in a pseudo-terminal at 80x24 and
time spawn -> the first frame showing the board's status bar; read the peak
RSS (VmHWM) of the window and of the database's owner process once today's
backup is written. Then the same open again (today's backup exists).

    scripts/morning.py target/release/papi-board 20000 100000
"""
import fcntl, glob, os, pty, re, select, shutil, struct, subprocess, sys
import tempfile, termios, time

def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024
    except (OSError, AttributeError):
        return None

def processes(db):
    out = subprocess.run(["pgrep", "-af", "papi-board"], capture_output=True, text=True).stdout
    return [(int(l.split()[0]), l) for l in out.splitlines() if f"--db {db}" in l]

def wait_gone(db):
    for _ in range(300):
        if not processes(db):
            return
        time.sleep(0.1)

def backups(db):
    return sorted(glob.glob(db + ".backups/*_daily.jsonl.gz"))

def open_board(binary, db, wait_backup_of):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary, "--db", db])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out, first = b"", None
    while time.monotonic() - t0 < 60 and first is None:
        if select.select([fd], [], [], 0.005)[0]:
            out += os.read(fd, 65536)
            if "nhiệm vụ".encode() in out:
                first = time.monotonic() - t0
    for _ in range(600):  # today's backup written (the morning) or already there
        if len(backups(db)) >= wait_backup_of:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    rss = {("owner" if " own" in line else "window"): hwm(p) for p, line in processes(db)}
    os.write(fd, b"q")
    time.sleep(0.5)
    os.close(fd)
    os.waitpid(pid, 0)
    wait_gone(db)
    return first, rss

def main():
    binary, sizes = os.path.abspath(sys.argv[1]), [int(n) for n in sys.argv[2:]] or [20000]
    for n in sizes:
        tmp = tempfile.mkdtemp()
        db = os.path.join(tmp, "db")
        subprocess.run([binary, "--db", db, "generate", "--tasks", str(n), "--seed", "1"],
                       check=True, capture_output=True)
        wait_gone(db)
        for run in range(2):
            for f in backups(db):  # the last backup: yesterday's
                d = re.search(r"(\d{4}-\d{2}-\d{2})_", os.path.basename(f)).group(1)
                y = time.strftime("%Y-%m-%d", time.gmtime(time.mktime(time.strptime(d, "%Y-%m-%d")) - 86400))
                os.rename(f, f.replace(d + "_", y + "_", 1))
            first, rss = open_board(binary, db, len(backups(db)) + 1)
            later, rss2 = open_board(binary, db, 0)
            print(f"{n} tasks, run {run + 1}: first open of the day {first * 1000:.0f} ms, "
                  f"peak RSS window {rss.get('window', 0):.1f} MB, owner {rss.get('owner', 0):.1f} MB; "
                  f"later open {later * 1000:.0f} ms, owner {rss2.get('owner', 0):.1f} MB; "
                  f"backups {len(backups(db))}, last {os.path.getsize(backups(db)[-1]) / 1e6:.1f} MB; "
                  f"database {sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(db) for f in fs) / 1e6:.0f} MB",
                  flush=True)
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(db + ".backups", ignore_errors=True)

main()
