/** The permission matrix: shipped defaults, the matrix in force and its page, the record of denied requests. */
package org.pestle.identity.internal.permissions;
