/** The part of svg-to-pdfkit 0.1 the report's PDF writer uses (the package ships no types). */
declare module 'svg-to-pdfkit' {
  interface SVGtoPDFOptions {
    /** Viewport size; in PDF points when `assumePt`, else in CSS pixels. */
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** Treat SVG user units as PDF points (1:1) instead of CSS pixels (0.75 pt). */
    assumePt?: boolean;
    /** Name of a font registered on the document for an SVG font-family/weight/style. */
    fontCallback?: (
      family: string,
      bold: boolean,
      italic: boolean,
      options: { fauxBold: boolean; fauxItalic: boolean },
    ) => string;
    warningCallback?: (message: string) => void;
    precision?: number;
  }
  function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x?: number,
    y?: number,
    options?: SVGtoPDFOptions,
  ): void;
  export = SVGtoPDF;
}
