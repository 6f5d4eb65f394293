/** Plug-in interfaces of Mailwright core: what another module or a host application implements. */
package dev.mailwright.core.spi;
