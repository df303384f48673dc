/** Syntax tree of one EL expression; `pos` is the offset of the node in the full source. */
export type Node =
  | { readonly type: 'literal'; readonly value: string | number | boolean | null; readonly pos: number }
  | { readonly type: 'identifier'; readonly name: string; readonly pos: number }
  /** `a.b` (property is a name) and `a[expr]`. */
  | { readonly type: 'member'; readonly object: Node; readonly property: Node; readonly computed: boolean; readonly pos: number }
  | { readonly type: 'call'; readonly object: Node; readonly method: string; readonly args: readonly Node[]; readonly pos: number }
  | { readonly type: 'unary'; readonly op: UnaryOp; readonly operand: Node; readonly pos: number }
  | { readonly type: 'binary'; readonly op: BinaryOp; readonly left: Node; readonly right: Node; readonly pos: number }
  | { readonly type: 'conditional'; readonly test: Node; readonly then: Node; readonly otherwise: Node; readonly pos: number };

export type UnaryOp = '-' | '!' | 'empty';
export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** A parsed `${…}` template: literal text and expressions in source order. */
export type TemplatePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'expr'; readonly node: Node };
