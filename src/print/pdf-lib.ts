/**
 * pdf-lib from its one-file build (dist/pdf-lib.min.js, shipped in the same package and
 * version): Node loads it in about 30 ms of CPU, where the 139 CommonJS files of the package's
 * main entry take about 100 ms, paid by every build. Every module of the tool that handles PDF
 * objects takes them from here, so that `instanceof` checks see one set of classes.
 */
import { createRequire } from 'node:module';
import type * as PdfLib from 'pdf-lib';

const lib = createRequire(import.meta.url)('pdf-lib/dist/pdf-lib.min.js') as typeof PdfLib;

export const { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } = lib;
export type PDFArray = PdfLib.PDFArray;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFHexString = PdfLib.PDFHexString;
export type PDFName = PdfLib.PDFName;
export type PDFNumber = PdfLib.PDFNumber;
export type PDFRawStream = PdfLib.PDFRawStream;
export type PDFRef = PdfLib.PDFRef;
export type PDFString = PdfLib.PDFString;
export type PDFObject = PdfLib.PDFObject;
