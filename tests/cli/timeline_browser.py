"""The timeline page in Debian's headless chromium at 1280 x 900: before play it shows the whole
track (one stacked area per class, nothing past the viewport's width); opened at #t=SECONDS it
seeks the audio there and shows the smoothed step that has ended by then, its top genre and the
playhead at that time; a click on the overview seeks the audio to the time under the pointer; with
#play the display and the playhead move with playback (driven over the DevTools protocol on a
pipe, no extra packages).
Usage: timeline_browser.py PAGE.html TIMELINE.json [--screenshot FILE.png]"""
import json, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devtools import Browser  # noqa: E402

page, timeline_file = os.path.abspath(sys.argv[1]), sys.argv[2]
screenshot = sys.argv[sys.argv.index('--screenshot') + 1] if '--screenshot' in sys.argv else None
timeline = json.load(open(timeline_file))
steps = len(timeline['smoothed'])
end = (steps - 1) * timeline['step_seconds'] + timeline['window_seconds']


def expected_step(t):
    return min(steps - 1, int((t - timeline['window_seconds']) // timeline['step_seconds']))


def top_genre(step):
    p = timeline['smoothed'][step]
    return timeline['classes'][max(range(len(p)), key=p.__getitem__)]


STATE = '''JSON.stringify((() => {
  const box = overview.getBoundingClientRect(), scale = box.width / overview.viewBox.baseVal.width;
  return {time: player.currentTime, step: +document.body.dataset.step, genre: document.getElementById('genre').textContent,
          playhead: box.left + scale * +playhead.getAttribute('x1'),
          plotLeft: box.left + scale * span.left, plotWidth: scale * span.width, plotTop: box.top + 20 * scale,
          areas: [...document.querySelectorAll('#overview path.genre')].map(p => p.getBoundingClientRect().width),
          width: window.innerWidth, scroll: document.documentElement.scrollWidth};
})())'''


def state(browser, session):
    for _ in range(200):
        value = browser.evaluate(session, STATE)
        if value is not None:
            return json.loads(value)
        time.sleep(0.05)
    raise AssertionError('the page did not load')


def check_moment(s, t, where):
    """What the page shows at time t: the step ended by then, its top genre, the playhead over t."""
    assert abs(s['time'] - t) < 0.05, '%s: the audio is at %.2f s, not %.2f s' % (where, s['time'], t)
    assert s['step'] == expected_step(t), (where, t, s['step'], expected_step(t))
    assert s['genre'] == ('listening...' if s['step'] < 0 else top_genre(s['step'])), (where, t, s['genre'])
    want_x = s['plotLeft'] + s['plotWidth'] * min(t, end) / end
    assert abs(s['playhead'] - want_x) < 1.0, '%s: playhead at x %.1f, expected %.1f' % (where, s['playhead'], want_x)


browser = Browser()
try:
    # 1. Before play: the whole track at once, inside the viewport.
    session = browser.open('file://%s' % page)
    s = state(browser, session)
    assert s['scroll'] <= s['width'], 'the page scrolls sideways: %s > %s' % (s['scroll'], s['width'])
    assert len(s['areas']) == len(timeline['classes']), s['areas']
    assert s['plotWidth'] > 800, 'the overview is only %.0f px wide at 1280 px' % s['plotWidth']
    check_moment(s, 0.0, 'before play')
    print('before play: %d stacked areas over %.1f s, %.0f px wide, no sideways scrolling' % (len(s['areas']), end, s['plotWidth']))

    # 2. Opened at #t=SECONDS: the audio seeks there too.
    for t in (0.5, 5.0, 8.3):
        session = browser.open('file://%s#t=%s' % (page, t))
        s = state(browser, session)
        check_moment(s, t, '#t=%s' % t)
        print('at #t=%.1f the audio is at %.2f s and the page shows step %d: %s' % (t, s['time'], s['step'], s['genre']))

    # 3. A click on the overview seeks the audio to the time under the pointer.
    t = min(6.0, end * 0.6)
    x = s['plotLeft'] + s['plotWidth'] * t / end
    for kind in ('mousePressed', 'mouseReleased'):
        browser.call('Input.dispatchMouseEvent', {'type': kind, 'x': x, 'y': s['plotTop'] + 40, 'button': 'left', 'clickCount': 1}, session)
    s = state(browser, session)
    check_moment(s, t, 'click')
    hash_time = float(browser.evaluate(session, 'location.hash')[len('#t='):])  # the page keeps the time in its address
    assert abs(hash_time - t) < 0.05, (hash_time, t)
    print('a click at %.2f s of the overview: the audio is at %.2f s, step %d: %s' % (t, s['time'], s['step'], s['genre']))

    # 4. Playback: the display and the playhead follow the audio clock.
    session = browser.open('file://%s#play' % page)
    seen = []
    deadline = time.time() + 60
    while time.time() < deadline and (len(seen) < 2 or seen[-1][0] < 3.5):
        time.sleep(0.5)
        value = browser.evaluate(session, STATE)
        if value is None:  # the page is still loading
            continue
        s = json.loads(value)
        now, step = s['time'], s['step']
        # The 100 ms refresh may lag the clock by one tick.
        assert expected_step(max(0.0, now - 0.15)) <= step <= expected_step(now), (now, step)
        assert s['genre'] == ('listening...' if step < 0 else top_genre(step)), (now, step, s['genre'])
        seen.append((now, step, s['playhead']))
    assert seen and seen[-1][0] >= 3.5, 'playback did not advance: %s' % seen
    assert seen[-1][1] > seen[0][1], 'the display did not move with playback: %s' % seen
    assert seen[-1][2] > seen[0][2], 'the playhead did not move with playback: %s' % seen
    print('playing: the display moved from step %d at %.2f s to step %d at %.2f s, the playhead with it' %
          (seen[0][1], seen[0][0], seen[-1][1], seen[-1][0]))

    if screenshot:
        session = browser.open('file://%s#t=%.2f' % (page, end * 0.55))
        state(browser, session)
        browser.screenshot(session, screenshot)
finally:
    browser.close()
