package org.pestle.support;

import java.util.UUID;

/** Identifiers of the demo data (db/demo/R__demo_data.sql) that tests use. */
public final class Demo {

    public static final String PASSWORD = "pestle-demo";

    public static final UUID NORTHSIDE = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    public static final UUID LAKESIDE = UUID.fromString("00000000-0000-4000-8000-0000000000c2");
    public static final UUID SUMMIT = UUID.fromString("00000000-0000-4000-8000-0000000000c3");

    /** Patients: Northside (two), Lakeside, Summit. */
    public static final UUID PATIENT_NORTHSIDE = UUID.fromString("00000000-0000-4000-8000-0000000000e1");
    public static final UUID PATIENT_NORTHSIDE_2 = UUID.fromString("00000000-0000-4000-8000-0000000000e2");
    public static final UUID PATIENT_LAKESIDE = UUID.fromString("00000000-0000-4000-8000-0000000000e3");
    public static final UUID PATIENT_SUMMIT = UUID.fromString("00000000-0000-4000-8000-0000000000e4");

    /** Compounds: approved at Northside (naltrexone, estradiol, testosterone C-III, oxycodone C-II). */
    public static final UUID TRETINOIN = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
    public static final UUID ESTRADIOL = UUID.fromString("00000000-0000-4000-8000-0000000000f2");
    public static final UUID NALTREXONE = UUID.fromString("00000000-0000-4000-8000-0000000000f3");
    public static final UUID TESTOSTERONE = UUID.fromString("00000000-0000-4000-8000-0000000000f4");
    public static final UUID MOUTHWASH = UUID.fromString("00000000-0000-4000-8000-0000000000f5");
    public static final UUID OXYCODONE = UUID.fromString("00000000-0000-4000-8000-0000000000f6");

    /** dr.reyes: Northside, has a DEA number. dr.okafor: Lakeside, none. dr.hale: Summit (another organization). */
    public static final String REYES = "dr.reyes";
    public static final String OKAFOR = "dr.okafor";
    public static final String HALE = "dr.hale";
    public static final String PHARMACIST = "pharmacist";
    public static final String PHARMACIST_2 = "pharmacist2";
    public static final String TECHNICIAN = "technician";
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String CLINIC_ADMIN = "clinic.admin";

    private Demo() {
    }
}
