#!/usr/bin/env python3
"""Two windows on one database: the second window's first frame while the
first owns it, and how soon a change made in one is on the other's screen.

    scripts/two-windows.py target/release/papi-board 20000 100000
"""
import fcntl, os, pty, re, select, shutil, struct, subprocess, sys, tempfile, termios, time

class Window:
    def __init__(self, binary, db):
        self.t0 = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.execv(binary, [binary, "--db", db])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.out = b""

    def until(self, pattern, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if re.search(pattern, self.out):
                return time.monotonic()
            if select.select([self.fd], [], [], 0.002)[0]:
                self.out += os.read(self.fd, 65536)
        raise SystemExit(f"no {pattern!r} within {timeout} s")

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([self.fd], [], [], 0.01)[0]:
                try:
                    self.out += os.read(self.fd, 65536)
                except OSError:  # the program has exited
                    return

    def close(self):
        os.write(self.fd, b"q")
        self.drain(0.5)
        os.close(self.fd)
        os.waitpid(self.pid, 0)

def main():
    binary, sizes = os.path.abspath(sys.argv[1]), [int(n) for n in sys.argv[2:]] or [20000]
    for n in sizes:
        tmp = tempfile.mkdtemp()
        db = os.path.join(tmp, "db")
        subprocess.run([binary, "--db", db, "generate", "--tasks", str(n), "--seed", "1"],
                       check=True, capture_output=True)
        time.sleep(2)
        a = Window(binary, db)
        a.until("nhiệm vụ".encode())
        a.drain(1.0)
        b = Window(binary, db)
        first = b.until("nhiệm vụ".encode()) - b.t0
        b.drain(1.0)
        seen = []
        for i in range(40):
            b.out = b""
            key = b"L" if i % 2 == 0 else b"H"
            sent = time.monotonic()
            os.write(a.fd, key)
            # the other window redraws a card: its output settles
            got = b.until(rb"\x1b\[", 10)
            seen.append((got - sent) * 1000)
            b.drain(0.15)
            a.drain(0.05)
        seen.sort()
        p = lambda q: seen[min(len(seen) - 1, int(q * len(seen)))]
        print(f"{n} tasks: second window's first frame {first * 1000:.0f} ms; "
              f"a move in one window on the other's screen: median {p(0.5):.1f} ms, "
              f"p99 {p(0.99):.1f} ms, max {seen[-1]:.1f} ms ({len(seen)} moves)", flush=True)
        b.close()
        a.close()
        time.sleep(1)
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(db + ".backups", ignore_errors=True)

main()
