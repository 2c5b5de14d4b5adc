package org.pestle.patients.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A date of birth as text: an ISO calendar date (YYYY-MM-DD) that exists, not in the future, not before 1900. */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PastIsoDate.Check.class)
@interface PastIsoDate {

    String message() default "must be a date in ISO form YYYY-MM-DD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check; the rejected value never appears in a message. */
    class Check implements ConstraintValidator<PastIsoDate, String> {

        static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

        private final Clock clock = Clock.systemDefaultZone();

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalDate date;
            try {
                date = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                return false;
            }
            String problem = date.isAfter(LocalDate.now(clock)) ? "must not be in the future"
                    : date.isBefore(EARLIEST) ? "must not be before 1900-01-01" : null;
            if (problem != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
                return false;
            }
            return true;
        }
    }
}
