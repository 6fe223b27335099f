/**
 * A small, strict XML reader for the interchange formats (EAF and Sportscode edit lists):
 * elements, attributes, text, CDATA, comments, the prolog and the five entities plus numeric
 * references. No DTDs, no namespaces resolution (prefixes stay part of the name).
 * [Note: the project has no XML dependency; if one is added (e.g. @xmldom/xmldom), swap this out.]
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const named = ENTITIES[body];
    if (named === undefined) throw new Error('an unknown entity');
    return named;
  });
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${Object.keys(ENTITIES).find((k) => ENTITIES[k] === c)};`);
}

/**
 * Parses a document and returns its root element; throws `Error` with the offset on malformed input.
 * Messages never quote the input: an import may be pointed at any file, and its error must not echo it.
 */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (why: string): never => {
    throw new Error(`${why} at character ${i}`);
  };
  const skipPast = (end: string) => {
    const at = source.indexOf(end, i);
    if (at < 0) fail(`unclosed ${end}`);
    const from = i;
    i = at + end.length;
    return source.slice(from, at);
  };
  while (i < source.length) {
    if (source.startsWith('<?', i)) skipPast('?>');
    else if (source.startsWith('<!--', i)) skipPast('-->');
    else if (source.startsWith('<![CDATA[', i)) {
      i += 9;
      const text = skipPast(']]>');
      if (stack.length === 0) fail('text outside the root element');
      stack[stack.length - 1]!.text += text;
    } else if (source.startsWith('<!', i)) fail('DTDs are not supported');
    else if (source.startsWith('</', i)) {
      i += 2;
      const name = skipPast('>').trim();
      const open = stack.pop();
      if (!open || open.name !== name) fail('a closing tag does not match its opening tag');
    } else if (source[i] === '<') {
      i += 1;
      const match = /^([A-Za-z_][\w.:-]*)/.exec(source.slice(i, i + 200));
      if (!match) fail('bad element name');
      const element: XmlElement = { name: match![1]!, attrs: {}, children: [], text: '' };
      i += match![1]!.length;
      const attr = /\s*([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)/y;
      for (;;) {
        attr.lastIndex = i;
        const m = attr.exec(source);
        if (!m) fail('a malformed attribute');
        i = attr.lastIndex;
        if (m![5]) {
          if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
          else if (root) fail('a second root element');
          else root = element;
          if (m![5] === '>') stack.push(element);
          break;
        }
        element.attrs[m![1]!] = decodeEntities(m![3] ?? m![4] ?? '');
      }
    } else {
      const next = source.indexOf('<', i);
      const text = source.slice(i, next < 0 ? source.length : next);
      i = next < 0 ? source.length : next;
      if (stack.length > 0) stack[stack.length - 1]!.text += decodeEntities(text);
      else if (text.trim()) fail('text outside the root element');
    }
  }
  if (stack.length > 0) fail(`${stack.length} element(s) not closed`);
  if (!root) fail('no root element');
  return root!;
}

export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
export const childNamed = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);
