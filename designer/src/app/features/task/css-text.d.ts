/**
 * Stylesheets of libraries (form-js, diagram-js) imported as text with
 * `import css from '…css' with { loader: 'text' }`; see ./library-styles.ts.
 */
declare module '*.css' {
  const text: string;
  export default text;
}
