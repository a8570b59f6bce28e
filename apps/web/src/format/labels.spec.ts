import { describe, expect, it } from '@jest/globals';
import { wrapLabel } from './labels';

describe('wrapLabel', () => {
  it('breaks at spaces within the width and keeps every word', () => {
    expect(wrapLabel('VOIS-like Performers and Producers Society (demo)', 20)).toEqual(['VOIS-like Performers', 'and Producers', 'Society (demo)']);
    expect(wrapLabel('authors', 20)).toEqual(['authors']);
    expect(wrapLabel('Supercalifragilisticexpialidocious x', 10)).toEqual(['Supercalifragilisticexpialidocious', 'x']);
    expect(wrapLabel('', 10)).toEqual(['']);
  });
});
