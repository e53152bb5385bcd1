import { describe, expect, it } from 'vitest';
import { fromMainland } from '../../src/chat/asker-origin.js';
import { placesInText } from '../../src/ingest/divisions.js';

const places = (t: string) => placesInText(t);

describe('where the asker says they are from', () => {
  it('a mainland place before 人 in a self-description', () => {
    expect(fromMainland('我是湖南人，在广州读书', places)).toBe(true);
    expect(fromMainland('我们都是温州人', places)).toBe(true);
  });
  it('not Hong Kong or Macau, nor words that only end in 人', () => {
    expect(fromMainland('我是香港人，在天河创业', places)).toBe(false);
    expect(fromMainland('我是澳门人', places)).toBe(false);
    expect(fromMainland('我是负责人，公司在温州', places)).toBe(false);
    expect(fromMainland('我们公司招了温州人才', places)).toBe(false);
  });
});
