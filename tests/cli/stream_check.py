"""predict --stream against predict on the same audio as a file: the same steps, and each step
printed as soon as its audio arrived: the stream stops half-way, and the second half is only sent
once every step of the first half came out (or after 120 s, when the check fails), so the check
holds however slowly the program starts (a sanitizer build on a loaded machine).
Usage: stream_check.py PREDICT RUN_DIR SCRATCH"""
import csv, io, math, os, struct, subprocess, sys, threading, time, wave

predict, run, scratch = sys.argv[1:4]
rate, seconds = 22050, 12.0
samples = [int(12000 * math.sin(2 * math.pi * (220 + 30 * math.sin(i / 9000)) * i / rate) * (0.6 + 0.4 * math.sin(i / 3000)))
           for i in range(int(rate * seconds))]
pcm = struct.pack('<%dh' % len(samples), *samples)
with wave.open(os.path.join(scratch, 'tone.wav'), 'wb') as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate); w.writeframes(pcm)
subprocess.run([predict, '-q', '--run', run, os.path.join(scratch, 'tone.wav'), '--timeline', os.path.join(scratch, 'tone_timeline'),
                '--output', os.path.join(scratch, 'tone.csv')], check=True)
offline = list(csv.reader(open(os.path.join(scratch, 'tone_timeline', 'tone.timeline.csv'))))

proc = subprocess.Popen([predict, '-q', '--run', run, '--stream'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=False)
half = len(pcm) // 2 // 2 * 2
first_half_end = half / 2 / rate
# The steps whose audio lies in the first half (with a margin for the step's window).
early_steps = sum(1 for f in offline[1:] if float(f[2]) <= first_half_end - 0.1)
early_out = threading.Event()
second_half_sent = []
def feed():
    proc.stdin.write(pcm[:half]); proc.stdin.flush()
    early_out.wait(timeout=120)
    second_half_sent.append(time.time() - start)
    proc.stdin.write(pcm[half:]); proc.stdin.close()
start = time.time()
threading.Thread(target=feed).start()
lines = []
for raw in proc.stdout:
    lines.append((time.time() - start, raw.decode().strip().split(',')))
    if sum(1 for _, f in lines[1:] if float(f[2]) <= first_half_end - 0.1) >= early_steps:
        early_out.set()
assert proc.wait() == 0
streamed = [fields for _, fields in lines]
assert streamed[0] == offline[0], (streamed[0], offline[0])
assert len(streamed) == len(offline), (len(streamed), len(offline))
for a, b in zip(streamed[1:], offline[1:]):
    assert a[:3] == b[:3] and all(abs(float(x) - float(y)) < 2e-6 for x, y in zip(a[3:], b[3:])), (a, b)
# Steps whose audio lies in the first half were printed before the second half was sent.
early = [(t, f) for t, f in lines[1:] if float(f[2]) <= first_half_end - 0.1]
assert early_steps > 0 and len(early) == early_steps
assert all(t < second_half_sent[0] for t, _ in early), (second_half_sent, [(round(t, 2), f[:3]) for t, f in early[:5]])
print('stream: %d steps equal the file\'s timeline; the %d steps of the first %.1f s came out before the rest was sent '
      '(%.1f s after the start)' % (len(streamed) - 1, len(early), first_half_end, second_half_sent[0]))
