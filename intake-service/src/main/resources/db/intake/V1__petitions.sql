-- The petition registry. Personal data lives only in petitioner.*_enc, encrypted with AES-256-GCM
-- (each value is "keyId:base64(iv || ciphertext || tag)").

create table petition (
    petition_no           text        primary key,
    channel               text        not null,
    received_at           timestamptz not null,
    registered_at         timestamptz not null,
    division_code         text        not null,
    category              text,
    petition_class        text,
    subject               text        not null,
    content               text        not null,
    group_size            int         not null,
    is_group              boolean     not null,
    repeat_of             text        references petition (petition_no),
    complained_department text,
    complained_person     text,
    tracking_code_hash    text        not null
);

create table petitioner (
    id            bigserial primary key,
    petition_no   text      not null references petition (petition_no),
    position      int       not null,
    pseudonym     text      not null,
    masked_name   text      not null,
    name_enc      text,
    id_number_enc text,
    phone_enc     text,
    address_enc   text,
    unique (petition_no, position)
);
create index petitioner_pseudonym on petitioner (pseudonym);

-- One row per day: the daily sequence of petition numbers.
create table petition_sequence (
    day        date primary key,
    last_value int  not null
);
