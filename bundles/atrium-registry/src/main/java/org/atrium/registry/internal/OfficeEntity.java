package org.atrium.registry.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.atrium.api.office.OfficeLocation;

@Entity
@Table(name = "OFFICE_LOCATION")
public class OfficeEntity {

    @Id
    @Column(name = "LOCATION_NUMBER")
    private int number;

    @Column(name = "NAME", nullable = false, length = 200)
    private String name;

    protected OfficeEntity() {
        // for JPA
    }

    public OfficeEntity(int number, String name) {
        this.number = number;
        this.name = name;
    }

    OfficeLocation toValue() {
        return new OfficeLocation(number, name);
    }
}
