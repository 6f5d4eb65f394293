/** The diagnostics report and the support bundle, assembled from sections that modules contribute. */
package dev.mailwright.core.diagnostics;
