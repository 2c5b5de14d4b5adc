/** The patients of each clinic. Patient data never leaves this module in logs or process variables. */
package org.pestle.patients;
