# Las palabras del sitio en español: español neutro de América Latina, palabras
# sencillas y "usted" (véase el glosario clínico). Cada clave de aquí está también
# en el catálogo inglés.

language-name = Español

## Todas las páginas

site-name = Buscador de Terapeutas Clínicos
site-description = Encuentre masajistas terapéuticos con licencia y formación clínica para el dolor de espalda, de cuello o de ciática, después de un breve control de seguridad que sabe cuándo consultar primero a un médico.
nav-skip = Ir al contenido
nav-label = Principal
nav-search = Buscar
nav-questionnaire = Cuestionario del dolor
nav-admin = Administración
nav-dashboard = Mi panel
nav-log-out = Cerrar sesión
nav-for-practitioners = Para profesionales
nav-language = Idioma
nav-signed-in = Sesión iniciada como { $email }
footer-notice = Este buscador no hace diagnósticos. En una emergencia, llame al número de emergencias de su zona.
