"""Debian's headless chromium driven over the DevTools protocol on a pipe (no extra packages):
open a page at a given viewport, evaluate JavaScript in it, take a screenshot."""
import base64
import json
import os
import subprocess
import time

CHROMIUM = ['chromium', '--headless', '--disable-gpu', '--no-sandbox', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required']


class Browser:
    def __init__(self):
        r_in, self._w_in = os.pipe()
        self._r_out, w_out = os.pipe()

        def attach_pipes():
            os.dup2(r_in, 3)
            os.dup2(w_out, 4)
        self._process = subprocess.Popen(CHROMIUM + ['--remote-debugging-pipe', 'about:blank'], preexec_fn=attach_pipes,
                                         pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r_in)
        os.close(w_out)
        self._pending, self._next_id = b'', 0

    def call(self, method, params=None, session=None):
        self._next_id += 1
        message = {'id': self._next_id, 'method': method, 'params': params or {}}
        if session:
            message['sessionId'] = session
        os.write(self._w_in, json.dumps(message).encode() + b'\0')
        while True:
            while b'\0' not in self._pending:
                chunk = os.read(self._r_out, 1 << 16)
                assert chunk, 'chromium closed the DevTools pipe'
                self._pending += chunk
            line, self._pending = self._pending.split(b'\0', 1)
            reply = json.loads(line)
            if reply.get('id') == self._next_id:
                return reply

    def open(self, url, width=1280, height=900):
        """A new tab at `url` with a width x height viewport, once it has loaded; returns its session."""
        target = self.call('Target.createTarget', {'url': 'about:blank'})['result']['targetId']
        session = self.call('Target.attachToTarget', {'targetId': target, 'flatten': True})['result']['sessionId']
        self.call('Emulation.setDeviceMetricsOverride', {'width': width, 'height': height, 'deviceScaleFactor': 1,
                                                          'mobile': False}, session)
        self.call('Page.enable', {}, session)
        self.call('Page.navigate', {'url': url}, session)
        for _ in range(600):  # up to 30 s
            if self.evaluate(session, 'location.href') == url and self.evaluate(session, 'document.readyState') == 'complete':
                break
            time.sleep(0.05)
        return session

    def evaluate(self, session, expression):
        """The expression's value; None while the page has no context to evaluate in (still loading)."""
        reply = self.call('Runtime.evaluate', {'expression': expression, 'returnByValue': True}, session)
        return reply.get('result', {}).get('result', {}).get('value')

    def screenshot(self, session, file, full_page=True):
        params = {'format': 'png'}
        if full_page:
            size = self.evaluate(session, 'JSON.stringify([document.documentElement.scrollWidth, document.documentElement.scrollHeight])')
            width, height = json.loads(size)
            params['clip'] = {'x': 0, 'y': 0, 'width': width, 'height': height, 'scale': 1}
            params['captureBeyondViewport'] = True
        data = self.call('Page.captureScreenshot', params, session)['result']['data']
        with open(file, 'wb') as f:
            f.write(base64.b64decode(data))

    def close(self):
        self._process.kill()
