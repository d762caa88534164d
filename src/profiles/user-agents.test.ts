import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseUserAgent } from './user-agents.js';

it('parseUserAgent() tells browser, OS and device type of common user agents', () => {
  assert.deepEqual(
    parseUserAgent(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    ),
    { browser: 'Mobile Safari', os: 'iOS', deviceType: 'mobile' },
  );
  assert.deepEqual(
    parseUserAgent(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
    ),
    { browser: 'Chrome', os: 'Windows', deviceType: 'desktop' },
  );
  assert.deepEqual(
    parseUserAgent(
      'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
    ),
    { browser: 'Chrome', os: 'Android', deviceType: 'tablet' },
  );
});
