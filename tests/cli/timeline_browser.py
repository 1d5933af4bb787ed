"""The timeline page in Debian's headless chromium: opened at #t=SECONDS it shows the smoothed step
that has ended by then and its top genre; opened with #play it plays the embedded audio and the
display moves with playback (driven over the DevTools protocol on a pipe, no extra packages).
Usage: timeline_browser.py PAGE.html TIMELINE.json"""
import json, os, re, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import CHROMIUM, Browser  # noqa: E402

page, timeline_file = os.path.abspath(sys.argv[1]), sys.argv[2]
timeline = json.load(open(timeline_file))


def expected_step(t):
    return min(len(timeline['smoothed']) - 1, int((t - timeline['window_seconds']) // timeline['step_seconds']))


def top_genre(step):
    p = timeline['smoothed'][step]
    return timeline['classes'][max(range(len(p)), key=p.__getitem__)]


# 1. Seeking: what the page shows at a moment.
for t in (0.5, 5.0, 8.3):
    dom = subprocess.run(CHROMIUM + ['--dump-dom', 'file://%s#t=%s' % (page, t)], capture_output=True, text=True,
                         timeout=120).stdout
    step = int(re.search(r'<body data-step="(-?\d+)"', dom).group(1))
    genre = re.search(r'<div id="genre">([^<]*)</div>', dom).group(1).replace('&amp;', '&')
    assert step == expected_step(t), (t, step, expected_step(t))
    want = 'listening...' if step < 0 else top_genre(step)
    assert genre == want, (t, genre, want)
    print('at %.1f s the page shows step %d: %s' % (t, step, genre))

# 2. Playback: the display follows the audio clock.
browser = Browser()
try:
    session = browser.open('file://%s#play' % page)
    seen = []
    deadline = time.time() + 60
    while time.time() < deadline and (len(seen) < 2 or seen[-1][0] < 3.5):
        time.sleep(0.5)
        value = browser.evaluate(session, "JSON.stringify([player.currentTime, +document.body.dataset.step, "
                                          "document.getElementById('genre').textContent])")
        if value is None:  # the page is still loading
            continue
        now, step, genre = json.loads(value)
        # The 100 ms refresh may lag the clock by one tick.
        assert expected_step(max(0.0, now - 0.15)) <= step <= expected_step(now), (now, step)
        assert genre == ('listening...' if step < 0 else top_genre(step)), (now, step, genre)
        seen.append((now, step))
    assert seen and seen[-1][0] >= 3.5, 'playback did not advance: %s' % seen
    assert seen[-1][1] > seen[0][1], 'the display did not move with playback: %s' % seen
    print('playing: the display moved from step %d at %.2f s to step %d at %.2f s' % (seen[0][1], seen[0][0], seen[-1][1], seen[-1][0]))
finally:
    browser.close()
