/**
 * Shared infrastructure every module may use: the database (embedded or external), Camunda engine
 * settings, and the problem+json error model of the API.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.pestle.platform;
