import { describe, expect, it } from 'vitest';
import { cityKey, foldText, prefixQuery, searchDocument } from '../src/domain/search-text';

describe('search text', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldText('  Zürich — AC/DC, Théâtre!  ')).toBe('zurich ac dc theatre');
    expect(foldText('ﬁnale Ⅻ')).toBe('finale xii');
  });

  it('keeps letters of any script', () => {
    expect(foldText('Москва 東京 Straße')).toBe('москва 東京 straße');
  });

  it('a query is every distinct word as a prefix, ANDed', () => {
    expect(prefixQuery('Jazz  Paris jazz')).toBe('jazz:* & paris:*');
  });

  it('leaves no tsquery operator in the query', () => {
    const query = prefixQuery("a & b | !c <-> d:* (e) 'f' \\g")!;
    expect(query).toBe('a:* & b:* & c:* & d:* & e:* & f:* & g:*');
    expect(query.replaceAll(':* & ', ' ').replace(/:\*$/, '')).toMatch(/^[\p{L}\p{N} ]+$/u);
  });

  it('nothing searchable is no query', () => {
    expect(prefixQuery('')).toBeNull();
    expect(prefixQuery(' &|! ')).toBeNull();
  });

  it('the document covers name, venue and city', () => {
    expect(searchDocument({ name: 'Björk', venue: 'Hallenstadion', city: 'Zürich' })).toBe('bjork hallenstadion zurich');
  });

  it('the city key is case-insensitive but keeps accents', () => {
    expect(cityKey(' ZÜRICH ')).toBe(cityKey('zürich'));
    expect(cityKey('Zurich')).not.toBe(cityKey('Zürich'));
  });
});
