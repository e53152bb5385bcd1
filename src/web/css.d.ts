// esbuild bundles .css files imported by the widget as text (loader: text); they are adopted as
// constructable stylesheets inside the widget's shadow root.
declare module '*.css' {
  const css: string;
  export default css;
}
