/**
 * The decision tables pharmacy admins change in the console: drafts, validation, saved test cases, publishing as
 * new decision versions, history with diffs, rollback, and releases that never overwrite an admin's edit.
 */
package org.pestle.rules;
