package org.pestle.identity.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.pestle.identity.People;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcPeople implements People {

    private final JdbcClient jdbc;

    JdbcPeople(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Person> byUsername(Collection<String> usernames) {
        Map<String, Person> people = new LinkedHashMap<>();
        if (usernames.isEmpty()) {
            return people;
        }
        jdbc.sql("select username, first_name, last_name from app_user where username = any (?)")
                .param(usernames.toArray(String[]::new))
                .query((rs, n) -> new Person(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list().forEach(person -> people.put(person.username(), person));
        return people;
    }
}
