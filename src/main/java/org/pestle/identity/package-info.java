/**
 * Who is acting: Pestle's one user store, roles, login for the pages, the API and the Camunda
 * webapps, and the identity provider that serves these users, groups and tenants to Camunda.
 */
package org.pestle.identity;
