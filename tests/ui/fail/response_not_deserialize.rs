use superoffice_api::so_endpoint;

/// Forgot `#[derive(Deserialize)]`.
pub struct Contact {
    pub name: String,
}

#[so_endpoint(GET "/api/v1/Contact/{id}", response = Contact)]
pub struct GetContact {
    id: i32,
}

mod wire {
    /// Also not deserializable, named by path, in a list.
    pub struct Person;
}

#[so_endpoint(GET "/api/v1/Person", response = Vec<wire::Person>)]
pub struct GetPersons {}

#[so_endpoint(GET "/api/v1/Person/{id}", response = Option<wire::Person>)]
pub struct FindPerson {
    id: i32,
}

fn main() {}
