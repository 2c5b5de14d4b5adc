/** Patient records of each clinic, encrypted field by field in the application (keys outside the database), found through a keyed blind index; patient data never leaves this module in logs, URLs or process variables. */
package org.pestle.patients;
