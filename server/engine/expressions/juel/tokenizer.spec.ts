import { JuelSyntaxError, tokenize } from './tokenizer';

const kinds = (text: string) => tokenize(text).map((t) => `${t.type}:${t.text}`);

describe('tokenize', () => {
  it('given identifiers, keywords and punctuation, when tokenized, then classifies each and ends with eof', () => {
    expect(kinds('a.b >= 1 and not empty c')).toEqual([
      'identifier:a', 'punct:.', 'identifier:b', 'punct:>=', 'number:1', 'keyword:and', 'keyword:not', 'keyword:empty', 'identifier:c', 'eof:',
    ]);
  });

  it('given numbers in every form, when tokenized, then keeps their source text', () => {
    expect(kinds('7 3.25 .5 1e3 2.5E-2')).toEqual(['number:7', 'number:3.25', 'number:.5', 'number:1e3', 'number:2.5E-2', 'eof:']);
  });

  it('given quoted strings with escapes, when tokenized, then decodes them', () => {
    const [single, double, other] = tokenize(`'it\\'s' "say \\"hi\\" \\\\" 'a\\nb'`);
    expect(single.text).toBe("it's");
    expect(double.text).toBe('say "hi" \\');
    expect(other.text).toBe('a\\nb');
  });

  it('given two-character operators, when tokenized, then prefers the longest match', () => {
    expect(kinds('a<=b!=c&&d||!e==f')).toEqual([
      'identifier:a', 'punct:<=', 'identifier:b', 'punct:!=', 'identifier:c', 'punct:&&', 'identifier:d', 'punct:||', 'punct:!', 'identifier:e', 'punct:==', 'identifier:f', 'eof:',
    ]);
  });

  it('given identifiers with $ and _, when tokenized, then treats them as one identifier', () => {
    expect(kinds('$x _y1')).toEqual(['identifier:$x', 'identifier:_y1', 'eof:']);
  });

  it('given an unterminated string, when tokenized, then reports where it starts', () => {
    expect(() => tokenize("a == 'open")).toThrow(new JuelSyntaxError('unterminated string literal', 5));
  });

  it('given an unknown character, when tokenized, then names it', () => {
    expect(() => tokenize('a ; b')).toThrow("unexpected character ';'");
  });
});
