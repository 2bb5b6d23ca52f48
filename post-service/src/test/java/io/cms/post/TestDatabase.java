package io.cms.post;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.cms.local.Postgres;
import io.cms.testkit.TestInfrastructure;

/** post-service's database, as the tests' own connection sees it (beside the service's pool). */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestInfrastructure.shared().postgres().jdbcUrl("cms_post"), Postgres.USER, null);
    }
}
