/** Reading an openFDA drug/enforcement record: recall number, class, NDCs and the lots in code_info, as a proposal. */
package org.pestle.recall.internal.openfda;
